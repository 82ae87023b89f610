import type { EngineContext } from './engine-context.js';

/**
 * Sleeps until the next durable timer, fires what is due, and sleeps again. `wake(at)` pulls
 * the next pass forward when new work gets an earlier time; a poll interval catches timers
 * written by other processes.
 */
export function createScheduler(
  engine: EngineContext,
  timers: { fireDue(): Promise<number>; nextWakeAt(): Promise<string | null> },
) {
  let running = false;
  let handle: unknown = null;
  let scheduledFor = Infinity;
  let pass: Promise<void> | null = null;
  let forward: (at: string) => void = () => undefined;

  function schedule(at: number): void {
    if (!running || at >= scheduledFor) return;
    if (handle !== null) engine.timers.clearTimeout(handle);
    scheduledFor = at;
    const delay = Math.max(0, at - engine.clock.now().getTime());
    handle = engine.timers.setTimeout(() => {
      handle = null;
      scheduledFor = Infinity;
      pass = engine.work.track(runPass()).finally(() => {
        pass = null;
      });
    }, delay);
  }

  async function runPass(): Promise<void> {
    try {
      await timers.fireDue();
    } catch (error) {
      engine.logger.error('scheduler pass failed', { error: String(error) });
    }
    if (!running) return;
    const now = engine.clock.now().getTime();
    const next = await timers.nextWakeAt().catch(() => null);
    const { schedulerMinDelayMs: min, schedulerMaxDelayMs: max } = engine.limits;
    const at =
      next === null ? now + max : Math.min(Math.max(Date.parse(next), now + min), now + max);
    schedule(at);
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      // A queue's delayed jobs (set up by the engine) still get every wake-up.
      forward = engine.wake;
      engine.wake = (at: string) => {
        forward(at);
        schedule(Date.parse(at));
      };
      schedule(engine.clock.now().getTime());
    },
    async stop(): Promise<void> {
      running = false;
      engine.wake = forward;
      if (handle !== null) engine.timers.clearTimeout(handle);
      handle = null;
      scheduledFor = Infinity;
      if (pass) await pass;
    },
  };
}
