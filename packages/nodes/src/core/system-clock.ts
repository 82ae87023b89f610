import type { Clock } from '../ports.js';

/**
 * The wall clock. One shared instance, so the engine can tell it from a test's clock: with it,
 * the engine formats its ISO timestamps once per millisecond (see engine-context.ts).
 */
export const systemClock: Clock = { now: () => new Date() };
