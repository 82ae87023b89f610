/**
 * Decisions held for a few seconds before they are sent, so a reviewer can take one back ("Undo",
 * or z). Reviewers decide by single keys, fast, and a decision once sent cannot be recalled: an
 * approval publishes within a second. Holding it in the page, as mail clients hold an "undo
 * send", keeps the server's rules whole: until it is sent the task is simply still open and
 * claimed by this reviewer, so nothing downstream can act on a decision that may be undone.
 *
 * A held decision is sent when its time is up, at once when the page goes away (as a keepalive
 * request that outlives it) and before signing out. If the page dies without that (a crash),
 * the decision is lost and the task stays open in the inbox: never the other way round.
 */
import type { DecisionInput } from '@tandem/schema';

export const UNDO_WINDOW_MS = 5_000;

export interface HeldDecision<T> {
  taskId: string;
  /** What the page knew of the task, to put it back on undo and name it in messages. */
  task: T;
  input: DecisionInput;
  /** When it is sent, in ms since the epoch. */
  sendAt: number;
}

export interface HoldOutcome<R> {
  /** The server stored the decision. */
  onSent?: (result: R) => void;
  /** The server refused it or could not be reached: the reviewer must hear it. */
  onFailed?: (error: unknown) => void;
}

type Send<R> = (taskId: string, input: DecisionInput, keepalive: boolean) => Promise<R>;

interface Entry<T, R> extends HeldDecision<T> {
  timer: ReturnType<typeof setTimeout>;
  outcome: HoldOutcome<R>;
}

export class PendingDecisions<T, R> {
  private readonly held = new Map<string, Entry<T, R>>();
  private readonly listeners = new Set<() => void>();
  private snapshot: readonly HeldDecision<T>[] = [];

  constructor(
    private readonly send: Send<R>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Holds `input` for `windowMs`, then sends it. A newer hold on the same task replaces it. */
  hold(task: T & { id: string }, input: DecisionInput, windowMs: number, outcome: HoldOutcome<R>) {
    this.drop(task.id);
    const timer = setTimeout(() => this.dispatch(task.id, false), windowMs);
    this.held.set(task.id, {
      taskId: task.id,
      task,
      input,
      sendAt: this.now() + windowMs,
      timer,
      outcome,
    });
    this.changed();
  }

  /** Takes back the held decision on `taskId`; null when there is none (already sent). */
  undo(taskId: string): HeldDecision<T> | null {
    const entry = this.drop(taskId);
    if (entry) this.changed();
    return entry ? publicPart(entry) : null;
  }

  /** The decision held last, the one z takes back. */
  latest(): HeldDecision<T> | null {
    const all = [...this.held.values()];
    return all.length === 0 ? null : publicPart(all[all.length - 1]!);
  }

  has(taskId: string): boolean {
    return this.held.has(taskId);
  }

  /**
   * Sends every held decision now. `keepalive` for a page on its way out: nobody will read the
   * answers, but the requests outlive the page.
   */
  flush(keepalive = false): Promise<void> {
    const ids = [...this.held.keys()];
    return Promise.all(ids.map((id) => this.dispatch(id, keepalive))).then(() => undefined);
  }

  /** The held decisions, for useSyncExternalStore: the same array until something changes. */
  list(): readonly HeldDecision<T>[] {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async dispatch(taskId: string, keepalive: boolean): Promise<void> {
    const entry = this.drop(taskId);
    if (!entry) return;
    this.changed();
    let result: R;
    try {
      result = await this.send(taskId, entry.input, keepalive);
    } catch (error) {
      entry.outcome.onFailed?.(error);
      return;
    }
    entry.outcome.onSent?.(result);
  }

  private drop(taskId: string): Entry<T, R> | undefined {
    const entry = this.held.get(taskId);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.held.delete(taskId);
    return entry;
  }

  private changed(): void {
    this.snapshot = [...this.held.values()].map(publicPart);
    for (const listener of this.listeners) listener();
  }
}

function publicPart<T>(entry: HeldDecision<T>): HeldDecision<T> {
  return { taskId: entry.taskId, task: entry.task, input: entry.input, sendAt: entry.sendAt };
}

const UNDO_KEY = 'tandem.inbox.undo';

/** Whether this reviewer holds decisions for undo (on unless they turned it off). */
export function readUndoPref(): boolean {
  try {
    return localStorage.getItem(UNDO_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function writeUndoPref(on: boolean): void {
  try {
    localStorage.setItem(UNDO_KEY, on ? 'on' : 'off');
  } catch {
    // Private mode or full storage: the choice holds for this page only.
  }
}
