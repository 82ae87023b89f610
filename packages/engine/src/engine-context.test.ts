import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngineContext } from './engine-context.js';
import { createMemoryStore } from '@tandem/store';

describe('the engine clock', () => {
  afterEach(() => vi.useRealTimers());

  it('stamps the system time, to the millisecond, when no clock is given', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const ctx = createEngineContext({ store: createMemoryStore() } as never);
    vi.setSystemTime(new Date('2026-11-26T10:00:00.000Z'));
    expect(ctx.now()).toBe('2026-11-26T10:00:00.000Z');
    expect(ctx.now()).toBe('2026-11-26T10:00:00.000Z');
    vi.setSystemTime(new Date('2026-11-26T10:00:00.001Z'));
    expect(ctx.now()).toBe('2026-11-26T10:00:00.001Z');
    vi.setSystemTime(new Date('2026-11-26T09:59:59.999Z'));
    expect(ctx.now()).toBe('2026-11-26T09:59:59.999Z');
  });

  it('asks a given clock every time', () => {
    let time = Date.parse('2026-11-26T10:00:00.000Z');
    const ctx = createEngineContext({
      store: createMemoryStore(),
      clock: { now: () => new Date(time) },
    } as never);
    expect(ctx.now()).toBe('2026-11-26T10:00:00.000Z');
    time += 60_000;
    expect(ctx.now()).toBe('2026-11-26T10:01:00.000Z');
  });
});
