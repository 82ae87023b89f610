import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRun } from '../contract/fixtures.js';
import { verifyAuditChain } from '../shared/audit-chain.js';
import { openSqliteStore, SQLITE_FILE_NAME } from './sqlite.store.js';

const TESTING = join(dirname(fileURLToPath(import.meta.url)), '..', 'testing');
const WRITER = join(TESTING, 'crash-writer.ts');
const CONTENDER = join(TESTING, 'contender.ts');

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

/** Runs one contender to completion and returns how many conflicts it met. */
function contend(dataDir: string, runId: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CONTENDER, dataDir, runId, String(count)],
      {
        cwd: TESTING,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const match = /done (\d+)/.exec(out);
      if (code === 0 && match) resolve(Number(match[1]));
      else reject(new Error(`contender exited with ${code}: ${out}`));
    });
  });
}

describe('sqlite store: several processes on one file', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-contend-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('never loses an update and never forks the audit chain', async () => {
    const store = openSqliteStore({ dataDir });
    await store.runs.create(
      makeRun('shared', { usage: { promptTokens: 0, completionTokens: 0, costUsd: 0 } }),
    );
    await store.close();

    const perProcess = 150;
    await Promise.all([1, 2, 3].map(() => contend(dataDir, 'shared', perProcess)));

    const reopened = openSqliteStore({ dataDir });
    const run = await reopened.runs.get('shared');
    expect(run.usage.promptTokens).toBe(3 * perProcess);
    expect(run.revision).toBe(3 * perProcess);
    expect(await verifyAuditChain(reopened)).toEqual({ ok: true, checked: 3 * perProcess });
    await reopened.close();
  }, 120_000);
});
