/*
 * Child process for the crash test: writes to a SQLite store as fast as it can and reports
 * each completed unit on stdout, until the parent kills it with SIGKILL.
 * Usage: node --import tsx crash-writer.ts <dataDir> <idPrefix>
 */
import type { AuditAction } from '@tandem/schema';
import { makeRun, makeStep } from '../contract/fixtures.js';
import { openSqliteStore } from '../sqlite/sqlite.store.js';

const [dataDir, prefix] = process.argv.slice(2);
if (!dataDir || !prefix) throw new Error('usage: crash-writer.ts <dataDir> <idPrefix>');

const store = openSqliteStore({ dataDir });
for (let n = 1; ; n += 1) {
  const id = `${prefix}-${n}`;
  let run = await store.runs.create(makeRun(id, { input: { blob: 'x'.repeat(2000) } }));
  // Invariant checked after the crash: promptTokens always equals the stored revision.
  for (let i = 0; i < 3; i += 1) {
    run = await store.runs.update({
      ...run,
      usage: { ...run.usage, promptTokens: run.revision + 1 },
    });
  }
  await store.steps.create(makeStep(`${id}-s`, { runId: id, output: { text: 'y'.repeat(1000) } }));
  await store.audit.append({
    actorId: 'crash',
    // Not a product action: this tool only needs an audit write beside the run's.
    action: 'run.written' as AuditAction,
    subjectType: 'run',
    subjectId: id,
  });
  process.stdout.write(`committed ${n}\n`);
}
