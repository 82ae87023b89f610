interface Waiting<T> {
  job: () => Promise<T>;
  promise: Promise<T | null>;
  resolve: (value: T | null) => void;
  reject: (error: unknown) => void;
}

/**
 * Sends saves one at a time. Saves asked for while one is on the way wait for it and then go
 * as one, the last one asked, so the latest graph wins. Two saves sent together (a retry and a
 * new edit) carry the same revision, and the server refuses the second as a conflict with the
 * designer's own tab.
 */
export function createSaveQueue<T>() {
  let busy = false;
  let waiting: Waiting<T> | null = null;

  function start(job: () => Promise<T>): Promise<T> {
    busy = true;
    let sent: Promise<T>;
    try {
      sent = job();
    } catch (error) {
      sent = Promise.reject(error);
    }
    const next = () => {
      busy = false;
      const queued = waiting;
      waiting = null;
      if (queued) start(queued.job).then(queued.resolve, queued.reject);
    };
    sent.then(next, next);
    return sent;
  }

  return {
    run(job: () => Promise<T>): Promise<T | null> {
      if (!busy) return start(job);
      if (waiting) {
        waiting.job = job;
        return waiting.promise;
      }
      let resolve!: Waiting<T>['resolve'];
      let reject!: Waiting<T>['reject'];
      const promise = new Promise<T | null>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      waiting = { job, promise, resolve, reject };
      return promise;
    },
    /** Forgets the save waiting to go (the editor left; its store may soon hold another flow). */
    dropPending(): void {
      waiting?.resolve(null);
      waiting = null;
    },
  };
}
