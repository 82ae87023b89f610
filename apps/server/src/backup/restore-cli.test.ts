import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { backupEmbeddedStore } from './backup.js';
import { countRows } from './test-helpers.js';

const MAIN = fileURLToPath(new URL('./restore-main.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

let server: TestServer;
let scratch: string;
let backup: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'tandem-restore-cli-test-'));
  server = await startTestServer();
  await server.tokens();
  backup = backupEmbeddedStore(
    loadConfig({ TANDEM_DATA_DIR: server.dataDir }),
    join(scratch, 'b'),
  ).dir;
  await server.login('reviewer@example.com'); // a session the backup does not have
});
afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs `command args` to its end; its exit code, stdout and stderr. */
function run(command: string, args: string[], cwd?: string) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, TANDEM_DATA_DIR: server.dataDir, TANDEM_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pnpm restore, as its own process', () => {
  it('refuses while the server has the database open, in one line, and the server carries on', async () => {
    const files = readdirSync(server.dataDir).sort();
    const { code, stdout, stderr } = await run(process.execPath, ['--import', 'tsx', MAIN, backup]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `Restore failed: Tandem is running on ${server.dataDir} (something has tandem.db open): stop it, then restore\n`,
    );
    expect(readdirSync(server.dataDir).sort()).toEqual(files);
    await server.login('admin@example.com');
  });

  it('restores the backup once Tandem is stopped, with the command the README gives', async () => {
    await server.app.close();
    const live = join(server.dataDir, 'tandem.db');
    const sessionsThen = countRows(join(backup, 'tandem.db'), 'sessions');
    expect(countRows(live, 'sessions')).toBeGreaterThan(sessionsThen);

    const { code, stdout, stderr } = await run('pnpm', ['restore', backup], REPO_ROOT);
    expect(stderr).not.toContain('Restore failed'); // pnpm itself echoes the script there
    expect(code).toBe(0);
    expect(stdout).toContain(
      `Restored the embedded store from the backup ${backup} into ${server.dataDir}`,
    );
    const aside = readdirSync(server.dataDir).find((name) => name.startsWith('before-restore-'));
    expect(stdout).toContain(`is in ${join(server.dataDir, aside!)}; delete that folder once`);
    expect(countRows(live, 'sessions')).toBe(sessionsThen);
  });
});
