import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from './testing/server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'tandem-main-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the server process (src/main.ts)', () => {
  it('prints one listening line, serves health, and exits 0 on SIGTERM', async () => {
    const server = await startServerProcess({
      PORT: '0',
      TANDEM_DATA_DIR: dataDir,
      TANDEM_LOG_LEVEL: 'warn',
      TANDEM_ALLOW_PRIVATE_NETWORK: 'true',
    });
    const health = await fetch(`${server.url}/api/health`);
    expect(await health.json()).toMatchObject({ ok: true, storeOk: true });
    expect(await server.kill('SIGTERM')).toBe(0);
    expect(server.stdout()).toBe(`Tandem listening on http://localhost:${server.port}\n`);
    expect(server.output()).toContain('TANDEM_ALLOW_PRIVATE_NETWORK=true');
  });

  it('stops with a message naming the bad variable and exit code 1', () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, PORT: 'abc', TANDEM_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT: Use a port number');
    expect(result.stdout).toBe('');
  });

  it('says which port is taken and what to do, without a stack trace', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const main = fileURLToPath(new URL('./main.ts', import.meta.url));
      const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
        env: { ...process.env, PORT: String(port), TANDEM_DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `Tandem failed to start: PORT ${port} is already in use (another Tandem, or another program): stop it, or set PORT to a free port`,
      );
      expect(result.stderr).not.toContain('    at ');
      expect(result.stdout).toBe('');
    } finally {
      taken.close();
    }
  });

  it('generates the secret key into the data directory, readable only by its owner', async () => {
    const { statSync } = await import('node:fs');
    const mode = statSync(join(dataDir, 'secret.key')).mode & 0o777;
    expect(mode).toBe(0o600);
  });
});
