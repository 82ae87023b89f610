import { describe, expect, it } from 'vitest';
import type { StorePort, Task } from '@tandem/schema';
import {
  clock,
  inWindow,
  logLines,
  notifierOn,
  received,
  stores,
  task,
  useReviewNotifierSetUp,
} from './review-notifier-fixtures.js';

/* The notifier with thousands of tasks in the store: a backlog of older work, a burst of new. */

useReviewNotifierSetUp();

describe('review notifications', () => {
  /** Creates `tasks` in batches, as a busy engine would. */
  async function createAll(store: StorePort, tasks: Task[]): Promise<void> {
    for (let i = 0; i < tasks.length; i += 500) {
      await Promise.all(tasks.slice(i, i + 500).map((t) => store.tasks.create(t)));
    }
  }

  it('finds new work behind a backlog of older open tasks due sooner', async () => {
    const store = stores[0]!;
    // Older open work, due before the new task: first in the inbox order. A notifier that
    // walked that order with a cap of 5,000 never reached the new task.
    await createAll(
      store,
      Array.from({ length: 5_001 }, (_, i) =>
        task(`tsk_old_${i}`, { createdAt: inWindow(-90), dueAt: '2026-01-05T10:00:00.000Z' }),
      ),
    );
    await store.tasks.create(task('tsk_new', { createdAt: inWindow(2), dueAt: null }));
    clock.set(inWindow(6));
    expect(await notifierOn(store).tick()).toHaveLength(1);
    expect(received.map((m) => m.subject)).toEqual(['A review waits for you: Review tsk_new']);
  });

  it('sends one readable email for a burst of 1,200 tasks: the soonest due listed, the rest counted', async () => {
    const store = stores[0]!;
    await createAll(
      store,
      Array.from({ length: 1_200 }, (_, i) =>
        task(`tsk_burst_${String(i).padStart(4, '0')}`, {
          createdAt: inWindow(1 + i / 1_000),
          // Due later the later they came, so the first created are the first listed.
          dueAt: new Date(Date.parse('2026-01-05T12:00:00.000Z') + i * 60_000).toISOString(),
        }),
      ),
    );
    clock.set(inWindow(6));
    const sent = await notifierOn(store).tick();
    expect(sent).toHaveLength(1);
    expect(logLines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    const mail = received[0]!;
    expect(mail.subject).toBe('1200 reviews wait for you in Tandem');
    const listed = mail.text!.match(/\/inbox\/tsk_burst_\d+/g) ?? [];
    expect(listed).toHaveLength(25);
    expect(listed[0]).toBe('/inbox/tsk_burst_0000');
    expect(listed[24]).toBe('/inbox/tsk_burst_0024');
    expect(mail.text).toContain('…and 1175 more wait in your inbox.');
    expect(mail.html).toContain('<p>…and 1175 more wait in your inbox.</p>');
    const delivery = await store.notificationDeliveries.find(sent[0]!);
    expect(delivery?.status).toBe('sent');
    expect(delivery?.taskIds).toHaveLength(1_000);
    expect(delivery?.taskIds[0]).toBe('tsk_burst_0000');
  });
});
