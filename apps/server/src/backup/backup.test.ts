import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { backupEmbeddedStore, describeBackup } from './backup.js';
import { countRows } from './test-helpers.js';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

let server: TestServer;
let scratch: string;

beforeAll(async () => {
  server = await startTestServer();
  scratch = mkdtempSync(join(tmpdir(), 'tandem-backup-test-'));
});
afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

const live = (table: string) => countRows(join(server.dataDir, 'tandem.db'), table);
const mode = (path: string) => statSync(path).mode & 0o777;

describe('pnpm backup', () => {
  it('copies the running store whole, checked and owner-only, with its secret key', async () => {
    await server.tokens(); // logins: sessions and audit events, in the WAL not yet checkpointed
    const config = loadConfig({ TANDEM_DATA_DIR: server.dataDir });
    const dest = join(scratch, 'first');
    const result = backupEmbeddedStore(config, dest);

    expect(readdirSync(dest).sort()).toEqual(['secret.key', 'tandem.db']);
    for (const table of ['users', 'flows', 'sessions', 'audit']) {
      expect(countRows(join(dest, 'tandem.db'), table)).toBe(live(table));
    }
    expect(result.database.rows.users).toBe(4);
    expect(mode(dest)).toBe(0o700);
    expect(mode(join(dest, 'tandem.db'))).toBe(0o600);
    expect(mode(join(dest, 'secret.key'))).toBe(0o600);
    expect(readFileSync(join(dest, 'secret.key'), 'utf8')).toBe(
      readFileSync(join(server.dataDir, 'secret.key'), 'utf8'),
    );
    const text = describeBackup(result, server.dataDir);
    expect(text).toContain(`Backed up the embedded store to ${dest}`);
    expect(text).toContain('integrity ok');
    expect(text).toContain(
      `To restore into ${server.dataDir}: stop Tandem, then run pnpm restore ${dest}`,
    );
  });

  it('says where the key is when it comes from the environment, and copies no key file', () => {
    const config = loadConfig({
      TANDEM_DATA_DIR: server.dataDir,
      TANDEM_SECRET_KEY: 'k'.repeat(44),
    });
    const dest = join(scratch, 'env-key');
    const result = backupEmbeddedStore(config, dest);
    expect(result.keyCopied).toBe(false);
    expect(readdirSync(dest)).toEqual(['tandem.db']);
    expect(describeBackup(result, server.dataDir)).toContain('keep it with this backup');
  });

  it('never writes over an earlier backup, sends MongoDB users to mongodump, and finds no store where none is', () => {
    const config = loadConfig({ TANDEM_DATA_DIR: server.dataDir });
    const used = join(scratch, 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'tandem.db'), 'an earlier backup');
    expect(() => backupEmbeddedStore(config, used)).toThrow(
      /is not empty; back up into a new folder/,
    );
    expect(readFileSync(join(used, 'tandem.db'), 'utf8')).toBe('an earlier backup');

    const mongo = loadConfig({
      TANDEM_DATA_DIR: server.dataDir,
      MONGODB_URI: 'mongodb://localhost:27017/tandem',
    });
    expect(() => backupEmbeddedStore(mongo, join(scratch, 'mongo'))).toThrow(/mongodump/);

    const elsewhere = loadConfig({ TANDEM_DATA_DIR: join(scratch, 'no-store-here') });
    expect(() => backupEmbeddedStore(elsewhere, join(scratch, 'none'))).toThrow(
      /No embedded store at .*: is TANDEM_DATA_DIR the server's data folder\?/,
    );
  });

  it('runs as its own process while the server keeps writing', async () => {
    const dest = join(scratch, 'from-cli');
    const before = live('audit');
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, dest], {
      env: { ...process.env, TANDEM_DATA_DIR: server.dataDir, TANDEM_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let done = false;
    void exited.then(() => (done = true));
    // Logins write sessions and audit events all the while the backup runs.
    while (!done) await server.login('reviewer@example.com');
    expect(await exited).toBe(0);
    expect(out).toContain('integrity ok');
    const copied = countRows(join(dest, 'tandem.db'), 'audit');
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(live('audit'));
  });
});
