import { describe, expect, it } from 'vitest';
import type { StorePort } from '@tandem/schema';
import { NOTIFY_BATCH_MS } from './review-notifier.js';
import {
  clock,
  inWindow,
  notifierOn,
  open,
  received,
  stores,
  task,
  useReviewNotifierSetUp,
  WINDOW,
} from './review-notifier-fixtures.js';

/*
 * Batching by window: each window is claimed and sent once, across passes, restarts and
 * processes, and windows missed while no process ran go out together.
 */

useReviewNotifierSetUp();

describe('review notifications', () => {
  it('does not send again after a restart (a new notifier over the same store)', async () => {
    await stores[0]!.tasks.create(task('tsk_a'));
    clock.set(inWindow(6));
    expect(await notifierOn(stores[0]!).tick()).toHaveLength(1);
    await stores[0]!.close();
    stores.shift();

    const reopened = open();
    expect(await notifierOn(reopened).tick()).toEqual([]);
    clock.set(inWindow(20));
    expect(await notifierOn(reopened).tick()).toEqual([]);
    expect(received).toHaveLength(1);
  });

  it('sends once when two notifiers (two processes) share one SQLite store', async () => {
    await stores[0]!.tasks.create(task('tsk_a'));
    await stores[0]!.tasks.create(task('tsk_b', { createdAt: inWindow(2) }));
    const other = open();
    clock.set(inWindow(6));
    const [a, b] = await Promise.all([notifierOn(stores[0]!).tick(), notifierOn(other).tick()]);
    expect([...a, ...b]).toHaveLength(1);
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe('2 reviews wait for you in Tandem');
  });

  it('reads the whole lookback hour once, then from the last window it handled', async () => {
    const store = stores[0]!;
    await store.tasks.create(task('tsk_a'));
    const asked: (string | undefined)[] = [];
    const list = store.tasks.list.bind(store.tasks);
    const watched: StorePort = {
      ...store,
      tasks: {
        ...store.tasks,
        list: (options) => {
          asked.push(options?.createdFrom);
          return list(options);
        },
      },
    };
    const notifier = notifierOn(watched);
    clock.set(inWindow(6));
    expect(await notifier.tick()).toHaveLength(1);
    clock.set(inWindow(11));
    expect(await notifier.tick()).toEqual([]);
    // The first pass reads back an hour from 09:05; the next from 09:00, the window it handled
    // last (read once more for work committed just as it closed), not the hour again.
    expect(asked).toEqual(['2026-01-05T08:05:00.000Z', '2026-01-05T09:00:00.000Z']);
    expect(received).toHaveLength(1);
  });

  it('lists the most urgent work first when missed windows go out in one email', async () => {
    const store = stores[0]!;
    // Two windows closed while no process ran: the older one's work is due later.
    await store.tasks.create(
      task('tsk_later', { createdAt: inWindow(1), dueAt: '2026-01-12T09:00:00.000Z' }),
    );
    await store.tasks.create(task('tsk_undated', { createdAt: inWindow(2), dueAt: null }));
    await store.tasks.create(
      task('tsk_soon', { createdAt: inWindow(6), dueAt: '2026-01-05T10:00:00.000Z' }),
    );
    clock.set(inWindow(11));
    expect(await notifierOn(store).tick()).toHaveLength(1);
    const order = [...received[0]!.text!.matchAll(/inbox\/(tsk_\w+)/g)].map((m) => m[1]);
    expect(order).toEqual(['tsk_soon', 'tsk_later', 'tsk_undated']);
  });

  it('batches by window: a task of the next window gets its own email after that window', async () => {
    const store = stores[0]!;
    await store.tasks.create(task('tsk_a'));
    const notifier = notifierOn(store);
    clock.set(inWindow(6));
    await notifier.tick();
    await store.tasks.create(task('tsk_c', { createdAt: inWindow(7) }));
    clock.set(inWindow(9));
    expect(await notifier.tick()).toEqual([]);
    clock.set(new Date(WINDOW + 2 * NOTIFY_BATCH_MS + 1_000).toISOString());
    expect(await notifier.tick()).toHaveLength(1);
    expect(received.map((m) => m.subject)).toEqual([
      'A review waits for you: Review tsk_a',
      'A review waits for you: Review tsk_c',
    ]);
  });
});
