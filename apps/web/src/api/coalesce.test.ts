import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.js';

/** A reload whose runs finish only when the test says so. */
function controlledReload() {
  const pending: (() => void)[] = [];
  let started = 0;
  return {
    reload: () =>
      new Promise<void>((resolve) => {
        started += 1;
        pending.push(resolve);
      }),
    started: () => started,
    finishOne: async () => {
      pending.shift()?.();
      // Let the wrapper see the finished run and start a trailing one.
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

describe('coalesce', () => {
  it('runs a burst of triggers as one run in flight and one trailing run', async () => {
    const r = controlledReload();
    const reload = coalesce(r.reload);
    for (let i = 0; i < 50; i += 1) reload.trigger();
    expect(r.started()).toBe(1);
    await r.finishOne();
    expect(r.started()).toBe(2);
    reload.trigger();
    reload.trigger();
    expect(r.started()).toBe(2);
    await r.finishOne();
    expect(r.started()).toBe(3);
    await r.finishOne();
    await reload.idle();
    expect(r.started()).toBe(3);
  });

  it('runs again at once after an idle moment, and after a failed run', async () => {
    let runs = 0;
    const reload = coalesce(async () => {
      runs += 1;
      if (runs === 1) throw new Error('offline');
    });
    reload.trigger();
    await reload.idle();
    reload.trigger();
    await reload.idle();
    expect(runs).toBe(2);
  });
});
