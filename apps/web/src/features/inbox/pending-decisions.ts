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
import { MAX_DECISION_HOLD_MS, type DecisionInput } from '@tandem/schema';

export const UNDO_WINDOW_MS = 5_000;
/**
 * The most decision text held at once. Held decisions are flushed as keepalive requests when
 * the page goes away, and browsers refuse keepalive bodies past 64 KiB in total (shared with
 * the claim released on the way out): a decision that would not fit is sent at once instead.
 */
export const MAX_HELD_BYTES = 48 * 1024;

const bodyBytes = (input: DecisionInput): number =>
  new TextEncoder().encode(JSON.stringify(input)).length;

export interface HeldDecision<T> {
  taskId: string;
  /** What the page knew of the task, to put it back on undo and name it in messages. */
  task: T;
  input: DecisionInput;
  /** When it is sent, in ms since the epoch. */
  sendAt: number;
  /** `sending` once it has left: it can no longer be undone, but its task is not back yet. */
  state: 'held' | 'sending';
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
  bytes: number;
  /** When the reviewer decided, in ms since the epoch. */
  decidedAt: number;
}

export class PendingDecisions<T, R> {
  private readonly held = new Map<string, Entry<T, R>>();
  private readonly listeners = new Set<() => void>();
  private snapshot: readonly HeldDecision<T>[] = [];

  constructor(
    private readonly send: Send<R>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `input` fits beside the decisions held now (see MAX_HELD_BYTES). */
  canHold(input: DecisionInput): boolean {
    const held = this.waiting().reduce((sum, entry) => sum + entry.bytes, 0);
    return held + bodyBytes(input) <= MAX_HELD_BYTES;
  }

  /** Holds `input` for `windowMs`, then sends it. A newer hold on the same task replaces it. */
  hold(task: T & { id: string }, input: DecisionInput, windowMs: number, outcome: HoldOutcome<R>) {
    this.drop(task.id);
    const timer = setTimeout(() => void this.dispatch(task.id, false), windowMs);
    const decidedAt = this.now();
    this.held.set(task.id, {
      taskId: task.id,
      task,
      input,
      sendAt: decidedAt + windowMs,
      state: 'held',
      timer,
      outcome,
      bytes: bodyBytes(input),
      decidedAt,
    });
    this.changed();
  }

  /**
   * Forgets every held decision unsent, telling each its `reason`: the session they were made
   * in has ended, and sending them with whoever signs in next would decide as someone else.
   */
  discard(reason: unknown): void {
    const entries = this.waiting();
    for (const entry of entries) this.drop(entry.taskId);
    if (entries.length > 0) this.changed();
    for (const entry of entries) entry.outcome.onFailed?.(reason);
  }

  /** Takes back the held decision on `taskId`; null when there is none (already sent). */
  undo(taskId: string): HeldDecision<T> | null {
    if (this.held.get(taskId)?.state !== 'held') return null;
    const entry = this.drop(taskId);
    if (entry) this.changed();
    return entry ? publicPart(entry) : null;
  }

  /** The decision held last, the one z takes back. */
  latest(): HeldDecision<T> | null {
    const last = this.waiting().at(-1);
    return last ? publicPart(last) : null;
  }

  /** Whether a decision on `taskId` is held or on its way. */
  has(taskId: string): boolean {
    return this.held.has(taskId);
  }

  /**
   * Sends every held decision now. `keepalive` for a page on its way out: nobody will read the
   * answers, but the requests outlive the page.
   */
  flush(keepalive = false): Promise<void> {
    const ids = this.waiting().map((entry) => entry.taskId);
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

  /** The decisions still held (not yet on their way), oldest first. */
  private waiting(): Entry<T, R>[] {
    return [...this.held.values()].filter((entry) => entry.state === 'held');
  }

  private async dispatch(taskId: string, keepalive: boolean): Promise<void> {
    const entry = this.held.get(taskId);
    if (!entry || entry.state !== 'held') return;
    clearTimeout(entry.timer);
    // Listed until it settles: the task must not show again while its decision is in flight.
    entry.state = 'sending';
    this.changed();
    let result: R;
    try {
      result = await this.send(taskId, withHoldTime(entry, this.now()), keepalive);
    } catch (error) {
      this.settle(entry);
      entry.outcome.onFailed?.(error);
      return;
    }
    this.settle(entry);
    entry.outcome.onSent?.(result);
  }

  private settle(entry: Entry<T, R>): void {
    if (this.held.get(entry.taskId) !== entry) return;
    this.held.delete(entry.taskId);
    this.changed();
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

/**
 * The decision as sent, saying how long it was held: the server's time to decide ends when the
 * reviewer decided. A page asleep in a background tab may have held it far longer than any hold
 * on offer; the server counts at most MAX_DECISION_HOLD_MS either way.
 */
function withHoldTime(entry: { input: DecisionInput; decidedAt: number }, now: number) {
  const heldMs = Math.min(MAX_DECISION_HOLD_MS, Math.max(0, Math.round(now - entry.decidedAt)));
  return { ...entry.input, heldMs };
}

function publicPart<T>(entry: HeldDecision<T>): HeldDecision<T> {
  const { taskId, task, input, sendAt, state } = entry;
  return { taskId, task, input, sendAt, state };
}

const UNDO_KEY = 'tandem.inbox.undo';

/** The hold times a reviewer can pick, in ms; 0 sends at once. */
export const UNDO_WINDOW_CHOICES = [0, 5_000, 10_000, 20_000, 30_000] as const;

/**
 * How long this reviewer's decisions are held (UNDO_WINDOW_MS unless they chose otherwise).
 * Stored as seconds, or `off`.
 */
export function readUndoWindow(): number {
  let stored: string | null;
  try {
    stored = localStorage.getItem(UNDO_KEY);
  } catch {
    return UNDO_WINDOW_MS;
  }
  if (stored === 'off') return 0;
  // Seconds, one of the choices on offer; anything else (unset, old, hand-edited) is the default.
  const ms = stored === null ? NaN : Number(stored) * 1000;
  return ms > 0 && (UNDO_WINDOW_CHOICES as readonly number[]).includes(ms) ? ms : UNDO_WINDOW_MS;
}

export function writeUndoWindow(ms: number): void {
  try {
    localStorage.setItem(UNDO_KEY, ms === 0 ? 'off' : String(ms / 1000));
  } catch {
    // Private mode or full storage: the choice holds for this page only.
  }
}
