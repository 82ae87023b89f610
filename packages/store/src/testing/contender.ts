/*
 * Child process for the cross-process concurrency test: increments one shared run `count`
 * times through the revision check, retrying on CONFLICT, and appends one audit event per
 * increment. Prints "done <conflicts>" and exits.
 * Usage: node --import tsx contender.ts <dataDir> <runId> <count>
 */
import { isAppError, type AuditAction } from '@tandem/schema';
import { openSqliteStore } from '../sqlite/sqlite.store.js';

const [dataDir, runId, countText] = process.argv.slice(2);
if (!dataDir || !runId || !countText)
  throw new Error('usage: contender.ts <dataDir> <runId> <count>');

const store = openSqliteStore({ dataDir });
let conflicts = 0;
for (let done = 0; done < Number(countText);) {
  const run = await store.runs.get(runId);
  try {
    await store.runs.update({
      ...run,
      usage: { ...run.usage, promptTokens: run.usage.promptTokens + 1 },
    });
    done += 1;
    await store.audit.append({
      actorId: 'c',
      // Not a product action: this tool only needs an audit write beside each run write.
      action: 'run.bumped' as AuditAction,
      subjectType: 'run',
      subjectId: runId,
    });
  } catch (error) {
    if (!isAppError(error, 'CONFLICT')) throw error;
    conflicts += 1;
  }
}
await store.close();
process.stdout.write(`done ${conflicts}\n`);
