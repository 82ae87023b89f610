/* The deadline of one outbound exchange (redirects and body included), for the safe HTTP client. */

/**
 * One signal for the whole exchange: aborted at the deadline or when the caller's signal is.
 * A controller and a timer, released when the request settles: `AbortSignal.any` and
 * `AbortSignal.timeout` cost a weak reference and a finalizer per request, which showed in the
 * engine benchmark's publish path.
 */
export function deadlineSignal(
  timeoutMs: number,
  caller: AbortSignal | undefined,
): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The request timed out', 'TimeoutError')),
    timeoutMs,
  );
  timer.unref();
  const onCallerAbort = (): void => controller.abort(caller?.reason);
  if (caller?.aborted) controller.abort(caller.reason);
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    release() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** A resolver that hangs must not outlive the request's deadline. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
