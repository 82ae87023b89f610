import type { Step } from '@tandem/schema';
import type { Timers } from './engine.types.js';

/**
 * How long a step started straight away may run before its `running` record is written. Most
 * such steps finish sooner (an AI step on a quick model, a publish to a quick endpoint): their
 * step is then written once, with its outcome, instead of twice. One that runs longer is
 * written as running when this elapses, so people watching the run see it at work.
 */
export const START_WRITE_DELAY_MS = 100;

interface Held {
  /** The step as last written, or as started while nothing is written. */
  step: Step;
  timer: unknown;
  /** The latest write of the step, once one has begun; null while nothing is written. */
  stored: Promise<Step> | null;
}

export interface StepWrites {
  create(step: Step): Promise<Step>;
  update(step: Step): Promise<Step>;
  find(id: string): Promise<Step | null>;
}

/**
 * Steps this process started without writing them yet (see START_WRITE_DELAY_MS).
 *
 * Why this is safe: a step's outcome is still written before anything after it is scheduled.
 * A crash before that loses only the start, which recovery repeats: its pass finds the node
 * ready and runs it again, as it runs a step found `running` again (a publish finds its
 * Publication by key and does not send twice). Only for steps run in this process without a
 * shared queue: with one, passes in other processes could not see them.
 *
 * The engine's passes over a run in this process see held steps (`addTo`), so none is started
 * twice. A step stays held until the pass after its outcome has run (`release`): a pass that
 * read the store just before the outcome was written then still finds the step here, as
 * written, instead of finding the node without a step and running it again.
 */
export class UnwrittenStarts {
  private readonly byRun = new Map<string, Map<string, Held>>();

  constructor(
    private readonly timers: Timers,
    private readonly writes: StepWrites,
    private readonly onError: (step: Step, error: unknown) => void,
  ) {}

  /** Keeps `step` (running, not written) until `release`; writes it if it runs past the delay. */
  hold(step: Step): void {
    const held: Held = { step, timer: null, stored: null };
    held.timer = this.timers.setTimeout(() => {
      held.timer = null;
      if (held.stored === null) this.write(held, step).catch((e) => this.onError(step, e));
    }, START_WRITE_DELAY_MS);
    let steps = this.byRun.get(step.runId);
    if (!steps) this.byRun.set(step.runId, (steps = new Map()));
    steps.set(step.id, held);
  }

  /**
   * `stored`, the run's steps as read from the store, with the held ones added, or in place of
   * the row read when what was written since is newer.
   */
  addTo(runId: string, stored: Step[]): Step[] {
    const steps = this.byRun.get(runId);
    if (!steps) return stored;
    const merged = [...stored];
    for (const { step } of steps.values()) {
      const at = merged.findIndex((s) => s.id === step.id);
      if (at < 0) merged.push(step);
      else if (step.revision > merged[at]!.revision) merged[at] = step;
    }
    return merged;
  }

  /** Whether the step is written (or never was held), after writing it as it started if not. */
  async ensureWritten(step: Step): Promise<void> {
    const held = this.find(step);
    if (!held) return;
    this.stopTimer(held);
    await (held.stored ?? this.write(held, held.step));
  }

  /** Writes the step's next state: created if the step was never written, else an update. */
  async save(next: Step): Promise<Step> {
    const held = this.find(next);
    if (!held) return this.writes.update(next);
    this.stopTimer(held);
    if (held.stored === null) return this.write(held, next);
    const previous = await held.stored;
    return this.track(held, this.writes.update({ ...next, revision: previous.revision }));
  }

  /**
   * The step's execution is over: no start is written any more, and a step never written is
   * forgotten at once (there is nothing a pass could miss).
   */
  executed(step: Step): void {
    const held = this.find(step);
    if (!held) return;
    this.stopTimer(held);
    if (held.stored === null) this.release(step);
  }

  /** Forgets the step; called once the pass after its outcome has run. */
  release(step: Step): void {
    const steps = this.byRun.get(step.runId);
    const held = steps?.get(step.id);
    if (!steps || !held) return;
    this.stopTimer(held);
    steps.delete(step.id);
    if (steps.size === 0) this.byRun.delete(step.runId);
  }

  private find(step: Step): Held | undefined {
    return this.byRun.get(step.runId)?.get(step.id);
  }

  private write(held: Held, step: Step): Promise<Step> {
    return this.track(held, this.createOrFind(step));
  }

  /** A create reported failed may still have landed (a driver's timeout): then it is there. */
  private async createOrFind(step: Step): Promise<Step> {
    try {
      return await this.writes.create(step);
    } catch (error) {
      const found = await this.writes.find(step.id).catch(() => null);
      if (found) return found;
      throw error;
    }
  }

  /**
   * Records `written` as the step's latest write. Its outcome is taken in before whoever awaits
   * the write goes on, so the held step is never older than the store once the write is done;
   * a failed write leaves the previous one in place.
   */
  private track(held: Held, written: Promise<Step>): Promise<Step> {
    const previous = held.stored;
    held.stored = written;
    written.then(
      (saved) => {
        if (saved.revision >= held.step.revision) held.step = saved;
      },
      () => {
        if (held.stored === written) held.stored = previous;
      },
    );
    return written;
  }

  private stopTimer(held: Held): void {
    if (held.timer === null) return;
    this.timers.clearTimeout(held.timer);
    held.timer = null;
  }
}
