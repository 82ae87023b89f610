import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../shared/audit-chain.js';
import { openSqliteStore, SQLITE_FILE_NAME } from './sqlite.store.js';

const WRITER = join(dirname(fileURLToPath(import.meta.url)), '..', 'testing', 'crash-writer.ts');

/** Starts the writer, waits until it reported `atLeast` units, SIGKILLs it mid-loop. */
function writeThenKill(dataDir: string, prefix: string, atLeast: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, prefix], {
      cwd: dirname(WRITER),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let reported = 0;
    let stderr = '';
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) reported = Number(line.replace('committed ', ''));
      if (reported >= atLeast && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`writer exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

describe('sqlite store: SIGKILL mid-write', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('leaves a database that opens, passes integrity_check and holds every committed unit', async () => {
    let expectedRuns = 0;
    for (const [round, atLeast] of [
      ['a', 40],
      ['b', 75],
      ['c', 20],
    ] as const) {
      const reported = await writeThenKill(dataDir, round, atLeast);
      expect(reported).toBeGreaterThanOrEqual(atLeast);

      const raw = new Database(join(dataDir, SQLITE_FILE_NAME));
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      // The column revision and the document's revision are written by one statement.
      const mismatched = raw
        .prepare("SELECT COUNT(*) AS n FROM runs WHERE revision <> json_extract(doc, '$.revision')")
        .get() as { n: number };
      expect(mismatched.n).toBe(0);
      raw.close();

      const store = openSqliteStore({ dataDir });
      const runs = [];
      let cursor: string | undefined;
      do {
        const page = await store.runs.list({ limit: 200, cursor });
        runs.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const thisRound = runs.filter((r) => r.id.startsWith(`${round}-`));
      // Every unit reported before the kill is durable; at most one more was in flight.
      expect(thisRound.length).toBeGreaterThanOrEqual(reported);
      expect(thisRound.length).toBeLessThanOrEqual(reported + 1);
      for (const run of runs) expect(run.usage.promptTokens).toBe(run.revision);
      for (let n = 1; n <= reported; n += 1) {
        expect((await store.runs.get(`${round}-${n}`)).revision).toBe(3);
        expect(await store.steps.listByRun(`${round}-${n}`)).toHaveLength(1);
      }
      const chain = await verifyAuditChain(store);
      expect(chain.ok).toBe(true);
      expect(chain.checked).toBeGreaterThanOrEqual(expectedRuns + reported);
      expectedRuns += reported;
      await store.close();
    }
  }, 120_000);
});
