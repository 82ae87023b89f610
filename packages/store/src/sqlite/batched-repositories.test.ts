import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditAction } from '@tandem/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStep, makeVersion } from '../contract/fixtures.js';
import { verifyAuditChain } from '../shared/audit-chain.js';
import { createAuditRepository } from './audit.repository.js';
import { createFlowVersionRepository } from './flow.repository.js';
import { GroupCommit, routeRepository } from './group-commit.js';
import { migrate } from './migrations.js';
import { createStepRepository } from './run.repository.js';
import { StatementCache } from './sqlite-table.js';
import { openSqliteStore, SQLITE_FILE_NAME } from './sqlite.store.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tandem-batched-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/**
 * The store's database with every write batched (as under load) and reads joining batches:
 * `routed` wires a repository the way openSqliteStore does. A lost batch empties the caches.
 */
function openBatched(onBatchLost: () => void = () => undefined) {
  const db = new Database(join(root, SQLITE_FILE_NAME));
  db.pragma('journal_mode = WAL');
  migrate(db);
  const sql = new StatementCache(db);
  const group = new GroupCommit(db, {
    busyWritesPerWindow: 0,
    onBatchLost: () => {
      onBatchLost();
      sql.forgetParsed();
    },
  });
  const routed = <R extends object>(repo: R): R =>
    routeRepository(
      repo,
      (write) => group.write(write),
      () => group.joinForRead(),
    );
  return { db, sql, routed };
}

describe('repositories in batches', () => {
  it('forgets rows a batch rolled back as a whole had left in the parsed-row caches', async () => {
    const batches = { lost: 0 };
    const { db, sql, routed } = openBatched(() => (batches.lost += 1));
    const steps = routed(createStepRepository(sql));
    const created = await steps.create(makeStep('s1', { status: 'running' }));

    // Inside a batch: this connection reads its own write back, then the batch is lost.
    const done = steps.update({ ...created, status: 'done' });
    const seen = await steps.get('s1');
    expect(seen).toMatchObject({ status: 'done', revision: 1 });
    db.exec('ROLLBACK');
    await expect(done).rejects.toThrow(/rolled back/);
    expect(batches.lost).toBe(1);

    // Another process writes revision 1 differently (its status column says failed).
    const other = openSqliteStore({ dataDir: root });
    await other.steps.update({ ...created, status: 'failed' });
    await other.close();

    // Writing from the value seen in the lost batch must set every indexed column again: the
    // kept copy of "revision 1" never was in the database, so it cannot say what changed.
    await steps.update({ ...seen, status: 'done' });
    expect(db.prepare("SELECT status FROM steps WHERE id = 's1'").get()).toEqual({
      status: 'done',
    });
    db.close();
  });

  it('keeps parsed flow versions while batched, and forgets them with a lost batch', async () => {
    const { db, sql, routed } = openBatched();
    const versions = routed(createFlowVersionRepository(sql));
    await versions.create(makeVersion('f1', 1));
    const first = await versions.latest('f1');
    expect(db.inTransaction).toBe(true);
    expect(await versions.latest('f1')).toBe(first);
    // A batch lost as a whole (here one holding a write) empties the cache, also of a
    // version read back before its batch was lost.
    const lost = versions.create(makeVersion('f1', 2));
    expect((await versions.get('f1-v2')).number).toBe(2);
    db.exec('ROLLBACK');
    await expect(lost).rejects.toThrow(/rolled back/);
    await expect(versions.get('f1-v2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const again = await versions.get('f1-v1');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect((await versions.latest('f1'))?.number).toBe(1);
    db.close();
  });

  it('chains audit events appended in one batch, each on the one before', async () => {
    const { db, sql, routed } = openBatched();
    const audit = routed(createAuditRepository(sql));
    const entry = (n: number) => ({
      actorId: null,
      action: 'test.appended' as AuditAction,
      subjectType: 'test',
      subjectId: `s${n}`,
    });
    const appended = await Promise.all([1, 2, 3].map((n) => audit.append(entry(n))));
    expect(appended.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(appended[1]!.prevHash).toBe(appended[0]!.hash);
    expect(await verifyAuditChain({ audit })).toEqual({ ok: true, checked: 3 });
    db.close();
  });
});
