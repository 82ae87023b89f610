/** Started slots at the front of the queue from which it is copied down (see onTurn). */
const COMPACT_AFTER = 1024;

/**
 * Starts queued items at most `perTurn` at a time per turn of the event loop, in the order
 * they came. An item that finds fewer than `perTurn` started since the last turn and nothing
 * queued starts at once; the rest start `perTurn` per turn (`setImmediate`), and between turns
 * the loop reads what its sockets received. (A burst arriving in one poll therefore starts up
 * to twice `perTurn` before the loop polls again: those started at once, then the first turn.)
 *
 * Why: the HTTP thread is handed a burst of requests at once when many runs reach their
 * publish step together (a batch of approvals, a scheduled trigger, the engine benchmark's
 * runs). Started all in one turn, every request was sent (a syscall and the HTTP machinery
 * each) before the thread read a single answer, so every run waited for the whole burst. In
 * the engine benchmark all 128 runs in flight then waited on the thread at once and the
 * engine's loop sat idle 8–16 % of the time; started 8 per turn, the first answers come back
 * while the rest are being sent, and the loop was busy 99 % of the time: 1,519–1,725 runs/s
 * against 1,223–1,578 in alternating runs (bench/RESULTS.md, 2026-11-28 13:52). (Requests to a
 * host name first wait for their DNS answers from libuv's thread pool, which spaces them out
 * somewhat anyway; the benchmark's sink is an IP address.)
 */
export class TurnPacer<T> {
  private queue: (T | undefined)[] = [];
  private head = 0;
  private startedThisTurn = 0;
  private turnScheduled = false;

  constructor(
    private readonly start: (item: T) => void,
    private readonly perTurn: number,
    private readonly nextTurn: (callback: () => void) => void = setImmediate,
  ) {
    if (!Number.isInteger(perTurn) || perTurn < 1) {
      throw new Error(`perTurn must be a positive whole number, not ${perTurn}`);
    }
  }

  /** Items waiting for a later turn. */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  push(item: T): void {
    if (this.waiting === 0 && this.startedThisTurn < this.perTurn) {
      this.startedThisTurn += 1;
      this.scheduleTurn();
      this.start(item);
      return;
    }
    this.queue.push(item);
    this.scheduleTurn();
  }

  private scheduleTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    this.nextTurn(this.onTurn);
  }

  private readonly onTurn = (): void => {
    this.turnScheduled = false;
    this.startedThisTurn = 0;
    // A turn that starts nothing leaves the counter at 0 and schedules no further turn.
    while (this.waiting > 0 && this.startedThisTurn < this.perTurn) {
      const item = this.queue[this.head] as T;
      this.queue[this.head] = undefined;
      this.head += 1;
      this.startedThisTurn += 1;
      this.scheduleTurn();
      this.start(item);
    }
    if (this.waiting === 0) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > COMPACT_AFTER && this.head * 2 > this.queue.length) {
      // A backlog that never empties would otherwise keep every started slot.
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  };
}
