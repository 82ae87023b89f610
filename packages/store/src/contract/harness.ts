import { isAppError, type ErrorCode, type StorePort } from '@tandem/schema';
import { expect } from 'vitest';

/** One test's view of an implementation: a store over fresh, empty data. */
export interface StoreHarness {
  store: StorePort;
  /** Closes the store and opens the same data again (durable stores only). */
  reopen?: () => Promise<StorePort>;
  /** Damages the stored run `id` behind the store's back, so that it breaks RunSchema. */
  corruptRun?: (id: string) => Promise<void>;
  cleanup: () => Promise<void>;
}

export interface StoreFactory {
  create: () => Promise<StoreHarness>;
  /** The data outlives the store object: close and reopen must keep it. */
  durable: boolean;
  /** The harness can damage rows directly, to prove reads are parsed. */
  canCorrupt: boolean;
}

/** The harness of the running test; set in beforeEach. */
export interface ContractContext {
  harness(): StoreHarness;
  store(): StorePort;
}

export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error = await promise.then(
    () => new Error(`expected AppError ${code}, but the call succeeded`),
    (e: unknown) => e,
  );
  if (!isAppError(error, code)) throw error;
  expect(error.code).toBe(code);
}

/** Walks every page with a small limit and returns all items in order. */
export async function collectPages<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await fetch(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
    if (pages > 1000) throw new Error('paging does not end');
  } while (cursor !== undefined);
  return { items, pages };
}
