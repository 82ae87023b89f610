/** Serializes async work per key (one run, one task) inside this process. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

/** Caps concurrent step executions globally and per flow; waiters are served in order. */
export class StepSlots {
  private active = 0;
  private readonly perFlow = new Map<string, number>();
  private readonly waiters: { flowId: string; resolve: () => void }[] = [];

  constructor(
    private readonly maxGlobal: number,
    private readonly maxPerFlow: number,
  ) {}

  private fits(flowId: string): boolean {
    return this.active < this.maxGlobal && (this.perFlow.get(flowId) ?? 0) < this.maxPerFlow;
  }

  private take(flowId: string): void {
    this.active += 1;
    this.perFlow.set(flowId, (this.perFlow.get(flowId) ?? 0) + 1);
  }

  /** Takes a slot only if one is free now and nobody queues ahead. */
  tryAcquire(flowId: string): boolean {
    if (this.waiters.length > 0 || !this.fits(flowId)) return false;
    this.take(flowId);
    return true;
  }

  acquire(flowId: string): Promise<void> {
    if (this.waiters.length === 0 && this.fits(flowId)) {
      this.take(flowId);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push({ flowId, resolve }));
  }

  release(flowId: string): void {
    this.active -= 1;
    const left = (this.perFlow.get(flowId) ?? 1) - 1;
    if (left <= 0) this.perFlow.delete(flowId);
    else this.perFlow.set(flowId, left);
    for (let i = 0; i < this.waiters.length;) {
      const waiter = this.waiters[i]!;
      if (!this.fits(waiter.flowId)) {
        i += 1;
        continue;
      }
      this.waiters.splice(i, 1);
      this.take(waiter.flowId);
      waiter.resolve();
    }
  }

  get running(): number {
    return this.active;
  }
}

/** Counts in-flight work so `idle()` can wait for all of it. */
export class WorkTracker {
  private count = 0;
  private waiters: (() => void)[] = [];

  track<T>(promise: Promise<T>): Promise<T> {
    this.count += 1;
    return promise.finally(() => {
      this.count -= 1;
      if (this.count === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const resolve of waiters) resolve();
      }
    });
  }

  get pending(): number {
    return this.count;
  }

  idle(): Promise<void> {
    return this.count === 0
      ? Promise.resolve()
      : new Promise((resolve) => this.waiters.push(resolve));
  }
}
