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
  /** The bulk approval it is part of (see holdBatch), or null for a decision of its own. */
  batch: string | null;
}

export interface HoldOutcome<R> {
  /** The server stored the decision. */
  onSent?: (result: R) => void;
  /** The server refused it or could not be reached: the reviewer must hear it. */
  onFailed?: (error: unknown) => void;
}

type Send<R> = (taskId: string, input: DecisionInput, keepalive: boolean) => Promise<R>;

interface Entry<T, R> extends HeldDecision<T> {
  /** A batch's entries share their batch's timer (see batchTimers) instead. */
  timer: ReturnType<typeof setTimeout> | undefined;
  outcome: HoldOutcome<R>;
  bytes: number;
  /** When the reviewer decided, in ms since the epoch. */
  decidedAt: number;
  /** Its request has gone out (a batch's wait their turn in the `sending` state). */
  started: boolean;
}

export class PendingDecisions<T, R> {
  private readonly held = new Map<string, Entry<T, R>>();
  private readonly batchTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<() => void>();
  private snapshot: readonly HeldDecision<T>[] = [];

  constructor(
    private readonly send: Send<R>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `count` decisions like `input` fit beside those held now (see MAX_HELD_BYTES). */
  canHold(input: DecisionInput, count = 1): boolean {
    const held = this.unsent().reduce((sum, entry) => sum + entry.bytes, 0);
    return held + count * bodyBytes(input) <= MAX_HELD_BYTES;
  }

  /** Holds `input` for `windowMs`, then sends it. A newer hold on the same task replaces it. */
  hold(task: T & { id: string }, input: DecisionInput, windowMs: number, outcome: HoldOutcome<R>) {
    const timer = setTimeout(() => void this.dispatch(task.id, false), windowMs);
    this.add(task, input, windowMs, outcome, { timer, batch: null });
    this.changed();
  }

  /**
   * Holds one decision on each of `tasks` (a bulk approval) under one timer: when it is up they
   * are sent one after another, as the reviewer's one action, and undoBatch takes them all back.
   * Each task's outcome is reported on its own, from `outcomeOf`.
   */
  holdBatch(
    batch: string,
    tasks: readonly (T & { id: string })[],
    input: DecisionInput,
    windowMs: number,
    outcomeOf: (task: T & { id: string }) => HoldOutcome<R>,
  ): void {
    this.undoBatch(batch);
    this.batchTimers.set(
      batch,
      setTimeout(() => void this.sendBatch(batch), windowMs),
    );
    for (const task of tasks) {
      this.add(task, input, windowMs, outcomeOf(task), { timer: undefined, batch });
    }
    this.changed();
  }

  /** Takes back every decision of `batch` still held; those already on their way are not. */
  undoBatch(batch: string): HeldDecision<T>[] {
    const entries = this.waiting().filter((entry) => entry.batch === batch);
    for (const entry of entries) this.drop(entry.taskId);
    if (entries.length > 0) this.changed();
    return entries.map(publicPart);
  }

  /** Whether any decision of `batch` is held or on its way. */
  hasBatch(batch: string): boolean {
    return [...this.held.values()].some((entry) => entry.batch === batch);
  }

  /**
   * Forgets every held decision unsent, telling each its `reason`: the session they were made
   * in has ended, and sending them with whoever signs in next would decide as someone else.
   */
  discard(reason: unknown): void {
    // A batch's decisions waiting their turn too: the next request would carry the next session.
    const entries = this.unsent();
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
    // A batch's decisions waiting their turn too: the page may not be there for their turn.
    const entries = this.unsent();
    this.beginSending(entries);
    return Promise.all(entries.map((entry) => this.deliver(entry, keepalive))).then(
      () => undefined,
    );
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

  /** The decisions whose request has not gone out: held, or a batch's waiting their turn. */
  private unsent(): Entry<T, R>[] {
    return [...this.held.values()].filter((entry) => !entry.started);
  }

  /** Listed until they settle: their tasks must not show again while decisions are in flight. */
  private beginSending(entries: readonly Entry<T, R>[]): void {
    for (const entry of entries) {
      clearTimeout(entry.timer);
      if (entry.batch !== null) this.clearBatchTimer(entry.batch);
      entry.state = 'sending';
    }
    if (entries.length > 0) this.changed();
  }

  private add(
    task: T & { id: string },
    input: DecisionInput,
    windowMs: number,
    outcome: HoldOutcome<R>,
    { timer, batch }: Pick<Entry<T, R>, 'timer' | 'batch'>,
  ): void {
    this.drop(task.id);
    const decidedAt = this.now();
    this.held.set(task.id, {
      taskId: task.id,
      task,
      input,
      sendAt: decidedAt + windowMs,
      state: 'held',
      batch,
      timer,
      outcome,
      bytes: bodyBytes(input),
      decidedAt,
      started: false,
    });
  }

  /**
   * Sends a batch's held decisions one after another. All leave the held state at once: the
   * batch's Undo is gone by then, and z must not take back part of what is being sent.
   */
  private async sendBatch(batch: string): Promise<void> {
    this.clearBatchTimer(batch);
    const entries = this.waiting().filter((entry) => entry.batch === batch);
    this.beginSending(entries);
    for (const entry of entries) await this.deliver(entry, false);
  }

  private async dispatch(taskId: string, keepalive: boolean): Promise<void> {
    const entry = this.held.get(taskId);
    if (!entry || entry.state !== 'held') return;
    this.beginSending([entry]);
    await this.deliver(entry, keepalive);
  }

  private async deliver(entry: Entry<T, R>, keepalive: boolean): Promise<void> {
    const { taskId } = entry;
    // Already sent by a flush, or replaced by a newer hold, while a batch waited its turn.
    if (entry.started || this.held.get(taskId) !== entry) return;
    entry.started = true;
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
    if (entry.batch !== null && !this.waiting().some((e) => e.batch === entry.batch)) {
      this.clearBatchTimer(entry.batch);
    }
    return entry;
  }

  private clearBatchTimer(batch: string): void {
    clearTimeout(this.batchTimers.get(batch));
    this.batchTimers.delete(batch);
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
  const { taskId, task, input, sendAt, state, batch } = entry;
  return { taskId, task, input, sendAt, state, batch };
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
