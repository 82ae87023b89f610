import type { StorePort } from '@tandem/schema';
import { describe, expect, it } from 'vitest';
import {
  makeBrandKit,
  makeConnection,
  makeFlow,
  makePublication,
  makeRun,
  makeStep,
  makeSuggestion,
  makeTask,
  makeUser,
} from './fixtures.js';
import { expectAppError, type ContractContext } from './harness.js';

interface Repo<T> {
  create(entity: T): Promise<T>;
  find(id: string): Promise<T | null>;
  get(id: string): Promise<T>;
  update(entity: T): Promise<T>;
}

interface EntityCase<T extends { id: string; revision: number }> {
  name: string;
  repo: (store: StorePort) => Repo<T>;
  make: (id: string) => T;
  /** A valid change to the entity. */
  change: (entity: T) => T;
  /** An entity that breaks its schema. */
  invalid: (entity: T) => unknown;
}

type Revisioned = { id: string; revision: number };

/** Erases the entity type so cases of every repository sit in one list. */
function entityCase<T extends Revisioned>(c: EntityCase<T>): EntityCase<Revisioned> {
  return c as unknown as EntityCase<Revisioned>;
}

const CASES = [
  entityCase({
    name: 'users',
    repo: (s) => s.users,
    make: (id) => makeUser(id),
    change: (u) => ({ ...u, name: 'Renamed', roles: ['admin' as const, 'manager' as const] }),
    invalid: (u) => ({ ...u, roles: [] }),
  }),
  entityCase({
    name: 'flows',
    repo: (s) => s.flows,
    make: (id) => makeFlow(id),
    change: (f) => ({ ...f, name: 'Renamed', publishedVersion: 2 }),
    invalid: (f) => ({ ...f, name: '' }),
  }),
  entityCase({
    name: 'runs',
    repo: (s) => s.runs,
    make: (id) => makeRun(id),
    change: (r) => ({ ...r, status: 'succeeded' as const, endedAt: r.createdAt }),
    invalid: (r) => ({ ...r, status: 'exploded' }),
  }),
  entityCase({
    name: 'steps',
    repo: (s) => s.steps,
    make: (id) => makeStep(id),
    change: (s) => ({ ...s, status: 'done' as const, output: { text: 'Hi', n: [1, 2] } }),
    invalid: (s) => ({ ...s, state: { $where: 'x' } }),
  }),
  entityCase({
    name: 'tasks',
    repo: (s) => s.tasks,
    make: (id) => makeTask(id),
    change: (t) => ({ ...t, claimedBy: 'u2', claimedAt: t.createdAt }),
    invalid: (t) => ({ ...t, unknownKey: true }),
  }),
  entityCase({
    name: 'publications',
    repo: (s) => s.publications,
    make: (id) => makePublication(id),
    change: (p) => ({ ...p, status: 'succeeded' as const, externalId: 'ext-1' }),
    invalid: (p) => ({ ...p, channel: 'fax' }),
  }),
  entityCase({
    name: 'brandKits',
    repo: (s) => s.brandKits,
    make: (id) => makeBrandKit(id),
    change: (b) => ({ ...b, voice: 'Playful' }),
    invalid: (b) => ({ ...b, name: 42 }),
  }),
  entityCase({
    name: 'connections',
    repo: (s) => s.connections,
    make: (id) => makeConnection(id),
    change: (c) => ({ ...c, disabled: true, disabledReason: 'Too many failures' }),
    invalid: (c) => ({ ...c, kind: 'carrier-pigeon' }),
  }),
  entityCase({
    name: 'suggestions',
    repo: (s) => s.suggestions,
    make: (id) => makeSuggestion(id),
    change: (s) => ({ ...s, status: 'accepted' as const, occurrences: 4 }),
    invalid: (s) => ({ ...s, occurrences: -1 }),
  }),
];

/** Create, read, update and the error rules, for every repository keyed by id. */
export function entityCases(ctx: ContractContext): void {
  for (const c of CASES) {
    describe(`${c.name} repository`, () => {
      it('creates at revision 0 and reads back an equal value', async () => {
        const repo = c.repo(ctx.store());
        const entity = c.make('e1');
        const created = await repo.create({ ...entity, revision: 7 });
        expect(created).toEqual({ ...entity, revision: 0 });
        expect(await repo.get('e1')).toEqual(created);
        expect(await repo.find('e1')).toEqual(created);
      });

      it('find returns null and get throws NOT_FOUND for a missing id', async () => {
        const repo = c.repo(ctx.store());
        expect(await repo.find('missing')).toBeNull();
        await expectAppError(repo.get('missing'), 'NOT_FOUND');
      });

      it('refuses a second create with the same id with CONFLICT', async () => {
        const repo = c.repo(ctx.store());
        await repo.create(c.make('e1'));
        await expectAppError(repo.create(c.make('e1')), 'CONFLICT');
      });

      it('updates by revision and returns what was stored', async () => {
        const repo = c.repo(ctx.store());
        const created = await repo.create(c.make('e1'));
        const updated = await repo.update(c.change(created));
        expect(updated).toEqual({ ...c.change(created), revision: 1 });
        expect(await repo.get('e1')).toEqual(updated);
        const again = await repo.update(updated);
        expect(again.revision).toBe(2);
      });

      it('refuses a stale revision with CONFLICT and changes nothing', async () => {
        const repo = c.repo(ctx.store());
        const created = await repo.create(c.make('e1'));
        const updated = await repo.update(created);
        await expectAppError(repo.update(c.change(created)), 'CONFLICT');
        expect(await repo.get('e1')).toEqual(updated);
      });

      it('refuses to update a missing entity with NOT_FOUND', async () => {
        const repo = c.repo(ctx.store());
        await expectAppError(repo.update(c.make('missing')), 'NOT_FOUND');
      });

      it('refuses values that break the schema with VALIDATION_FAILED', async () => {
        const repo = c.repo(ctx.store());
        await expectAppError(
          repo.create(c.invalid(c.make('e1')) as Revisioned),
          'VALIDATION_FAILED',
        );
        expect(await repo.find('e1')).toBeNull();
        const created = await repo.create(c.make('e2'));
        await expectAppError(repo.update(c.invalid(created) as Revisioned), 'VALIDATION_FAILED');
        expect(await repo.get('e2')).toEqual(created);
      });

      it('shares nothing mutable: changing a returned value (or the input) does not change the store', async () => {
        const repo = c.repo(ctx.store());
        const input = c.make('e1');
        const created = await repo.create(input);
        const snapshot = structuredClone(created);
        // A store hands out copies or frozen values; changing a frozen one throws.
        const attempt = (change: () => void) => {
          try {
            change();
          } catch (error) {
            expect(error).toBeInstanceOf(TypeError);
          }
        };
        attempt(() => ((created as { id: string }).id = 'mutated'));
        (input as { revision: number }).revision = 99;
        const read = await repo.get('e1');
        attempt(() => ((read as { revision: number }).revision = 42));
        expect(await repo.get('e1')).toEqual(snapshot);
      });
    });
  }
}
