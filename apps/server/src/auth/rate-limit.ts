/*
 * In-memory sliding-window counter. Good enough for one process; with several servers each
 * keeps its own window, which still bounds guessing to limit × servers per window.
 */
export interface RateLimiter {
  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfterMs(key: string): number;
  hit(key: string): void;
  /** Takes back the newest hit of `key` (an attempt counted in advance that did not fail). */
  unhit(key: string): void;
  reset(key: string): void;
}

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
  /** Caps memory under a flood of distinct keys: the oldest keys are dropped first. */
  maxKeys?: number;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const hits = new Map<string, number[]>();

  const recent = (key: string): number[] => {
    const cutoff = now() - options.windowMs;
    const list = (hits.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) hits.set(key, list);
    else hits.delete(key);
    return list;
  };

  return {
    retryAfterMs(key) {
      const list = recent(key);
      if (list.length < options.limit) return 0;
      const oldest = list[list.length - options.limit] ?? now();
      return Math.max(1, oldest + options.windowMs - now());
    },
    hit(key) {
      const list = recent(key);
      list.push(now());
      hits.delete(key);
      hits.set(key, list);
      while (hits.size > maxKeys) {
        const first = hits.keys().next().value;
        if (first === undefined) break;
        hits.delete(first);
      }
    },
    unhit(key) {
      const list = recent(key);
      list.pop();
      if (list.length === 0) hits.delete(key);
    },
    reset(key) {
      hits.delete(key);
    },
  };
}
