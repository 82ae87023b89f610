import { describe, expect, it } from 'vitest';
import type { Publication } from '@tandem/schema';
import {
  at,
  makeBrandKit,
  makeFeedback,
  makeFlow,
  makePublication,
  makeRun,
  makeSuggestion,
  makeTask,
  makeVersion,
} from './fixtures.js';
import { collectPages, expectAppError, type ContractContext } from './harness.js';

const ids = (items: { id: string }[]): string[] => items.map((i) => i.id);

/** Ordering, filters and cursor paging of every paged list. */
export function listCases(ctx: ContractContext): void {
  describe('paged lists', () => {
    it('flows: newest update first, ties by id, every page once', async () => {
      const { flows } = ctx.store();
      for (let i = 0; i < 7; i += 1) {
        await flows.create(makeFlow(`f${i}`, { updatedAt: at(i % 3) }));
      }
      const all = await flows.list({ limit: 100 });
      expect(ids(all.items)).toEqual(['f5', 'f2', 'f4', 'f1', 'f6', 'f3', 'f0']);
      expect(all.nextCursor).toBeUndefined();
      const paged = await collectPages((cursor) => flows.list({ limit: 2, cursor }));
      expect(ids(paged.items)).toEqual(ids(all.items));
      expect(paged.pages).toBe(4);
    });

    it("flow versions: one flow's, newest number first, every page once", async () => {
      const { flowVersions } = ctx.store();
      // Created out of order, past 9, so a text order or insertion order would show.
      for (const n of [3, 1, 12, 2, 10, 11]) await flowVersions.create(makeVersion('f1', n));
      await flowVersions.create(makeVersion('f2', 5));
      const numbers = (items: { number: number }[]) => items.map((v) => v.number);
      const first = await flowVersions.listPage('f1', { limit: 4 });
      expect(numbers(first.items)).toEqual([12, 11, 10, 3]);
      expect(first.nextCursor).toBeDefined();
      const paged = await collectPages((cursor) =>
        flowVersions.listPage('f1', { limit: 4, cursor }),
      );
      expect(numbers(paged.items)).toEqual([12, 11, 10, 3, 2, 1]);
      expect(paged.pages).toBe(2);
      const whole = await flowVersions.listPage('f1');
      expect(numbers(whole.items)).toEqual([12, 11, 10, 3, 2, 1]);
      expect(whole.nextCursor).toBeUndefined();
      expect(await flowVersions.listPage('f9')).toEqual({ items: [] });
      await expectAppError(flowVersions.listPage('f1', { cursor: 'nope' }), 'VALIDATION_FAILED');
      await expectAppError(flowVersions.listPage('f1', { limit: 0 }), 'VALIDATION_FAILED');
    });

    it('compares timestamps as instants, not as text', async () => {
      const { runs } = ctx.store();
      await runs.create(makeRun('a', { createdAt: '2026-01-01T10:00:00Z' }));
      await runs.create(makeRun('b', { createdAt: '2026-01-01T10:00:00.500Z' }));
      await runs.create(makeRun('c', { createdAt: '2026-01-01T11:30:00+02:00' }));
      expect(ids((await runs.list()).items)).toEqual(['b', 'a', 'c']);
    });

    it('runs: filter by flow and statuses, page, and count by status', async () => {
      const { runs } = ctx.store();
      const statuses = ['running', 'waiting', 'succeeded', 'failed'] as const;
      for (let i = 0; i < 12; i += 1) {
        await runs.create(
          makeRun(`r${String(i).padStart(2, '0')}`, {
            flowId: i % 2 === 0 ? 'f1' : 'f2',
            status: statuses[i % 4],
            startedBy: i % 3 === 0 ? 'usr_dee' : i % 3 === 1 ? null : 'usr_other',
            createdAt: at(i),
          }),
        );
      }
      expect(ids((await runs.list({ flowId: 'f1', status: ['running'] })).items)).toEqual([
        'r08',
        'r04',
        'r00',
      ]);
      const f2 = await collectPages((cursor) => runs.list({ flowId: 'f2', limit: 4, cursor }));
      expect(ids(f2.items)).toEqual(['r11', 'r09', 'r07', 'r05', 'r03', 'r01']);
      const waitingOrFailed = await runs.list({ status: ['waiting', 'failed'] });
      expect(ids(waitingOrFailed.items)).toEqual(['r11', 'r09', 'r07', 'r05', 'r03', 'r01']);
      expect((await runs.list({ status: [] })).items).toEqual([]);
      const dee = await collectPages((cursor) =>
        runs.list({ startedBy: 'usr_dee', limit: 2, cursor }),
      );
      expect(ids(dee.items)).toEqual(['r09', 'r06', 'r03', 'r00']);
      expect(dee.pages).toBe(2);
      expect(ids((await runs.list({ flowId: 'f2', startedBy: 'usr_dee' })).items)).toEqual([
        'r09',
        'r03',
      ]);
      expect(await runs.countByStatus()).toEqual({
        running: 3,
        waiting: 3,
        succeeded: 3,
        failed: 3,
        canceled: 0,
      });
      expect(await runs.countByStatus('f1')).toEqual({
        running: 3,
        waiting: 0,
        succeeded: 3,
        failed: 0,
        canceled: 0,
      });
    });

    it('runs: filter by outcome, and by none recorded (runs finished before it was kept)', async () => {
      const { runs } = ctx.store();
      const outcomes = ['rejected', 'published', undefined] as const;
      for (let i = 0; i < 9; i += 1) {
        const outcome = outcomes[i % 3];
        await runs.create(
          makeRun(`r${i}`, {
            status: 'succeeded',
            createdAt: at(i),
            ...(outcome ? { outcome } : {}),
          }),
        );
      }
      await runs.create(makeRun('running', { createdAt: at(20) }));
      const rejected = await collectPages((cursor) =>
        runs.list({ outcome: 'rejected', limit: 2, cursor }),
      );
      expect(ids(rejected.items)).toEqual(['r6', 'r3', 'r0']);
      expect(rejected.pages).toBe(2);
      expect(ids((await runs.list({ outcome: 'published', status: ['failed'] })).items)).toEqual(
        [],
      );
      const unrecorded = await runs.list({ status: ['succeeded'], outcome: null });
      expect(ids(unrecorded.items)).toEqual(['r8', 'r5', 'r2']);
      expect(ids((await runs.list({ outcome: null })).items)).toEqual([
        'running',
        'r8',
        'r5',
        'r2',
      ]);

      // Recording one moves it between the filters: the indexed copy follows the document.
      const r5 = await runs.get('r5');
      await runs.update({ ...r5, outcome: 'rejected' });
      expect(ids((await runs.list({ outcome: 'rejected' })).items)).toEqual([
        'r6',
        'r5',
        'r3',
        'r0',
      ]);
      expect(ids((await runs.list({ status: ['succeeded'], outcome: null })).items)).toEqual([
        'r8',
        'r2',
      ]);
      expect((await runs.get('r5')).outcome).toBe('rejected');
    });

    it('tasks: counts open tasks per flow, flows without one left out', async () => {
      const { tasks } = ctx.store();
      expect(await tasks.countOpenByFlow()).toEqual([]);
      await tasks.create(makeTask('t1', { flowId: 'f1' }));
      await tasks.create(makeTask('t2', { flowId: 'f1' }));
      await tasks.create(makeTask('t3', { flowId: 'f2' }));
      await tasks.create(makeTask('t4', { flowId: 'f3', status: 'decided' }));
      const decided = await tasks.create(makeTask('t5', { flowId: 'f2' }));
      await tasks.update({ ...decided, status: 'canceled' });
      const counts = await tasks.countOpenByFlow();
      expect([...counts].sort((a, b) => a.flowId.localeCompare(b.flowId))).toEqual([
        { flowId: 'f1', open: 2 },
        { flowId: 'f2', open: 1 },
      ]);
    });

    it('tasks: the inbox order (due soonest, no due time last) with filters and paging', async () => {
      const { tasks } = ctx.store();
      await tasks.create(makeTask('t1', { dueAt: null, createdAt: at(1) }));
      await tasks.create(makeTask('t2', { dueAt: at(500), createdAt: at(2) }));
      await tasks.create(makeTask('t3', { dueAt: at(100), createdAt: at(3) }));
      await tasks.create(makeTask('t4', { dueAt: null, createdAt: at(0) }));
      await tasks.create(makeTask('t5', { dueAt: at(100), createdAt: at(1), status: 'decided' }));
      await tasks.create(
        makeTask('t6', { dueAt: at(50), flowId: 'f2', nodeId: 'other', runId: 'r2' }),
      );
      const inbox = ['t6', 't5', 't3', 't2', 't4', 't1'];
      expect(ids((await tasks.list()).items)).toEqual(inbox);
      expect(ids((await collectPages((cursor) => tasks.list({ limit: 2, cursor }))).items)).toEqual(
        inbox,
      );
      expect(ids((await tasks.list({ status: ['open'] })).items)).toEqual([
        't6',
        't3',
        't2',
        't4',
        't1',
      ]);
      expect(ids((await tasks.list({ status: ['decided', 'expired'] })).items)).toEqual(['t5']);
      expect(ids((await tasks.list({ flowId: 'f2' })).items)).toEqual(['t6']);
      expect(ids((await tasks.list({ nodeId: 'review', status: ['open'] })).items)).toEqual([
        't3',
        't2',
        't4',
        't1',
      ]);
      expect(ids((await tasks.list({ runId: 'r2' })).items)).toEqual(['t6']);
    });

    it('tasks: filters by creation time, from inclusive and before exclusive, in inbox order', async () => {
      const { tasks } = ctx.store();
      await tasks.create(makeTask('t1', { dueAt: null, createdAt: at(10) }));
      await tasks.create(makeTask('t2', { dueAt: at(900), createdAt: at(20) }));
      await tasks.create(makeTask('t3', { dueAt: at(500), createdAt: at(30) }));
      await tasks.create(makeTask('t4', { dueAt: null, createdAt: at(40) }));
      await tasks.create(makeTask('t5', { dueAt: at(100), createdAt: at(20), status: 'decided' }));
      const between = { createdFrom: at(20), createdBefore: at(40) };
      expect(ids((await tasks.list(between)).items)).toEqual(['t5', 't3', 't2']);
      expect(ids((await tasks.list({ ...between, status: ['open'] })).items)).toEqual(['t3', 't2']);
      expect(ids((await tasks.list({ createdFrom: at(30) })).items)).toEqual(['t3', 't4']);
      expect(ids((await tasks.list({ createdBefore: at(20) })).items)).toEqual(['t1']);
      expect(
        ids((await collectPages((cursor) => tasks.list({ ...between, limit: 1, cursor }))).items),
      ).toEqual(['t5', 't3', 't2']);
    });

    it('feedback: newest first, filters by flow, node, source node and since', async () => {
      const { feedback } = ctx.store();
      for (let i = 0; i < 6; i += 1) {
        await feedback.create(
          makeFeedback(`fb${i}`, {
            createdAt: at(i * 10),
            nodeId: i < 3 ? 'review' : 'legal',
            sourceNodeId: i % 2 === 0 ? 'draft' : null,
            flowId: i === 5 ? 'f2' : 'f1',
          }),
        );
      }
      await expectAppError(feedback.create(makeFeedback('fb0')), 'CONFLICT');
      expect(ids((await feedback.list()).items)).toEqual([
        'fb5',
        'fb4',
        'fb3',
        'fb2',
        'fb1',
        'fb0',
      ]);
      expect(ids((await feedback.list({ flowId: 'f1', nodeId: 'legal' })).items)).toEqual([
        'fb4',
        'fb3',
      ]);
      expect(ids((await feedback.list({ sourceNodeId: 'draft' })).items)).toEqual([
        'fb4',
        'fb2',
        'fb0',
      ]);
      expect(ids((await feedback.list({ since: at(30) })).items)).toEqual(['fb5', 'fb4', 'fb3']);
      const paged = await collectPages((cursor) =>
        feedback.list({ flowId: 'f1', limit: 2, cursor }),
      );
      expect(ids(paged.items)).toEqual(['fb4', 'fb3', 'fb2', 'fb1', 'fb0']);
    });

    it('publications: newest first, filters by run, status and channel', async () => {
      const { publications } = ctx.store();
      await publications.create(makePublication('p1', { createdAt: at(1) }));
      await publications.create(makePublication('p2', { createdAt: at(2), status: 'dead' }));
      await publications.create(
        makePublication('p3', { createdAt: at(3), runId: 'r2', key: 'r2:p3', status: 'dead' }),
      );
      await publications.create(
        makePublication('p4', { createdAt: at(4), channel: 'library', status: 'succeeded' }),
      );
      expect(ids((await publications.list()).items)).toEqual(['p4', 'p3', 'p2', 'p1']);
      expect(ids((await publications.list({ runId: 'r1' })).items)).toEqual(['p4', 'p2', 'p1']);
      expect(ids((await publications.list({ status: ['dead'] })).items)).toEqual(['p3', 'p2']);
      expect(ids((await publications.list({ channel: 'library' })).items)).toEqual(['p4']);
      expect(
        ids((await publications.list({ channel: 'webhook', status: ['dead'] })).items),
      ).toEqual(['p3', 'p2']);
      const paged = await collectPages((cursor) => publications.list({ limit: 1, cursor }));
      expect(ids(paged.items)).toEqual(['p4', 'p3', 'p2', 'p1']);
    });

    it("publications: the library's collections, each once, in order, saved entries only", async () => {
      const { publications } = ctx.store();
      const entry = (id: string, collection: string | number, over: Partial<Publication> = {}) =>
        makePublication(id, {
          channel: 'library',
          status: 'succeeded',
          request: { title: id, collection, format: 'text', text: 'Hi' },
          ...over,
        });
      await publications.create(entry('p1', 'Newsletters'));
      await publications.create(entry('p2', 'Blog posts'));
      await publications.create(entry('p3', 'Blog posts'));
      await publications.create(entry('p4', ''));
      await publications.create(entry('p5', 'Drafts', { status: 'pending' }));
      await publications.create(entry('p6', 42));
      await publications.create(entry('p7', 'b-lowercase'));
      await publications.create(
        makePublication('p8', { status: 'succeeded', request: { collection: 'Not a library' } }),
      );
      // Archived entries keep their collection in the menu: the archive view filters by it too.
      const archived = await publications.create(entry('p9', 'Archive only'));
      await publications.update({ ...archived, archivedAt: at(9) });
      expect(await publications.libraryCollections(100)).toEqual([
        'Archive only',
        'Blog posts',
        'Newsletters',
        'b-lowercase',
      ]);
      expect(await publications.libraryCollections(2)).toEqual(['Archive only', 'Blog posts']);
    });

    it('publications: in or out of the archive, paged, after an update', async () => {
      const { publications } = ctx.store();
      const library = { channel: 'library', status: 'succeeded' } as const;
      for (let i = 1; i <= 4; i += 1)
        await publications.create(makePublication(`p${i}`, { createdAt: at(i), ...library }));
      const p2 = await publications.get('p2');
      await publications.update({ ...p2, archivedAt: at(9) });
      const p3 = await publications.get('p3');
      const archived3 = await publications.update({ ...p3, archivedAt: at(9) });
      // Restored: the field goes, and the record reads as never archived.
      const { archivedAt: _, ...restored3 } = archived3;
      expect(await publications.update(restored3)).not.toHaveProperty('archivedAt');
      const list = (archived?: boolean) =>
        collectPages((cursor) =>
          publications.list({ channel: 'library', limit: 1, cursor, archived }),
        );
      expect(ids((await list(true)).items)).toEqual(['p2']);
      expect(ids((await list(false)).items)).toEqual(['p4', 'p3', 'p1']);
      expect(ids((await list()).items)).toEqual(['p4', 'p3', 'p2', 'p1']);
      expect((await publications.get('p2')).archivedAt).toBe(at(9));
    });

    it('suggestions and brand kits: filters and order', async () => {
      const { suggestions, brandKits } = ctx.store();
      await suggestions.create(makeSuggestion('s1', { createdAt: at(1) }));
      await suggestions.create(makeSuggestion('s2', { createdAt: at(2), status: 'accepted' }));
      await suggestions.create(makeSuggestion('s3', { createdAt: at(3), nodeId: 'other' }));
      await suggestions.create(makeSuggestion('s4', { createdAt: at(4), flowId: 'f2' }));
      expect(ids(await suggestions.list())).toEqual(['s4', 's3', 's2', 's1']);
      expect(ids(await suggestions.list({ flowId: 'f1', nodeId: 'draft' }))).toEqual(['s2', 's1']);
      expect(ids(await suggestions.list({ flowId: 'f1', status: ['proposed'] }))).toEqual([
        's3',
        's1',
      ]);
      await brandKits.create(makeBrandKit('b1', { name: 'Zeta' }));
      await brandKits.create(makeBrandKit('b2', { name: 'alpha' }));
      expect(ids(await brandKits.list())).toEqual(['b2', 'b1']);
    });

    it('refuses a cursor that is not from the list, and a bad limit', async () => {
      const { runs, tasks } = ctx.store();
      await expectAppError(runs.list({ cursor: 'not-a-cursor' }), 'VALIDATION_FAILED');
      await runs.create(makeRun('r1'));
      await runs.create(makeRun('r2'));
      const page = await runs.list({ limit: 1 });
      expect(page.nextCursor).toBeDefined();
      await expectAppError(tasks.list({ cursor: page.nextCursor }), 'VALIDATION_FAILED');
      await expectAppError(runs.list({ limit: 0 }), 'VALIDATION_FAILED');
    });
  });
}
