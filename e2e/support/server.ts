import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_BUNDLE_ENV } from './server-bundle.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const WEB_DIR = join(REPO_ROOT, 'apps/web');
const WEB_INDEX = join(WEB_DIR, 'dist/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function webBuildIsCurrent(): boolean {
  if (!existsSync(WEB_INDEX)) return false;
  const built = statSync(WEB_INDEX).mtimeMs;
  const sources = Math.max(
    newestMtime(join(WEB_DIR, 'src')),
    statSync(join(WEB_DIR, 'index.html')).mtimeMs,
    statSync(join(WEB_DIR, 'vite.config.ts')).mtimeMs,
  );
  return built >= sources;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Builds the web app when its sources are newer than the last build. Test files run in parallel
 * processes, so a lock directory (mkdir is atomic) makes exactly one of them build while the
 * others wait; later files find the build current and skip it.
 */
export async function ensureWebBuilt(): Promise<void> {
  if (webBuildIsCurrent()) return;
  const lock = join(tmpdir(), 'tandem-web-build.lock');
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than the longest build is left over from a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 240_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new Error('Timed out waiting for another process to build the web app');
      await sleep(500);
      if (webBuildIsCurrent()) return;
    }
  }
  try {
    if (webBuildIsCurrent()) return;
    const result = spawnSync('pnpm', ['--filter', '@tandem/web', 'build'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 240_000,
    });
    if (result.status !== 0) {
      throw new Error(`Building the web app failed:\n${result.stdout}\n${result.stderr}`);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface TandemServer {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server wrote to stderr so far (structured logs), for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (the global setup's bundle of apps/server/src/main.ts, or the source
 * through tsx) on a free port with a fresh data directory and the demo seed, after making sure
 * the web app is built.
 */
export async function startServer(
  options: { env?: Record<string, string>; build?: boolean } = {},
): Promise<TandemServer> {
  if (options.build !== false) await ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    TANDEM_DATA_DIR: dataDir,
    TANDEM_SEED: 'demo',
    TANDEM_ALLOW_PRIVATE_NETWORK: 'true',
    ...options.env,
  };
  delete env.OPENAI_API_KEY;
  if (options.env?.OPENAI_API_KEY) env.OPENAI_API_KEY = options.env.OPENAI_API_KEY;
  // The bundle the global setup built (server-bundle.ts), or the source through tsx.
  const bundle = process.env[SERVER_BUNDLE_ENV];
  const child: ChildProcess = spawn(
    process.execPath,
    bundle ? [bundle] : ['--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The server did not start within 60 s.\n${stderr}`)),
      60_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Tandem listening on http:\/\/localhost:(\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with code ${code} before listening.\n${stderr}`));
    });
  });
  return {
    url: `http://localhost:${port}`,
    port,
    dataDir,
    logs: () => stderr,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timeout = sleep(12_000).then(() => child.kill('SIGKILL'));
        await Promise.race([exited, timeout]);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
