import type { Clock } from '@tandem/nodes';
import type { Timers } from '../engine.types.js';

export interface FakeClock extends Clock, Timers {
  /** Moves time forward, firing due timers in order, letting promises settle in between. */
  advance(ms: number): Promise<void>;
  set(iso: string): void;
  pendingTimers(): number;
}

/** A clock and timer port tests control; nothing fires until `advance` says so. */
export function createFakeClock(start = '2026-01-05T09:00:00.000Z'): FakeClock {
  let now = Date.parse(start);
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  return {
    now: () => new Date(now),
    set(iso) {
      now = Date.parse(iso);
    },
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    pendingTimers: () => timers.size,
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= target)
          .sort((x, y) => x[1].at - y[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].callback();
        await settle();
      }
      now = target;
      await settle();
    },
  };
}

/** Mulberry32: a tiny seeded uniform generator so sampling decisions are reproducible. */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
