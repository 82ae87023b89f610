import { Worker } from 'node:worker_threads';
import { AppError } from '@tandem/schema';
import {
  asBuffer,
  errorFromThread,
  ownBytes,
  type FromThread,
  type ThreadedHttpClientOptions,
  type ThreadRequest,
  type ThreadResponse,
} from './http-thread.protocol.js';
import {
  createSafeHttpClient,
  type SafeHttpClient,
  type SafeHttpRequest,
  type SafeHttpResponse,
} from './safe-http.client.js';

export type { ThreadedHttpClientOptions } from './http-thread.protocol.js';

const noop = (): void => undefined;

interface Pending {
  resolve: (response: SafeHttpResponse) => void;
  reject: (error: unknown) => void;
  /** Stops listening to the caller's signal. */
  release: () => void;
}

/**
 * The guarded HTTP client with its requests sent from a worker thread.
 *
 * Why: the engine's event loop is its bottleneck under load. Sending a request and reading its
 * answer (the HTTP machinery, TLS where the target is https, the garbage) cost the loop about
 * as much as all the publish step's other work; a message to the thread and its answer back
 * cost a tenth of that. The thread runs the same client, so every check (URL, DNS, private
 * addresses, redirects, deadline, size) is the same; URL checks for saving (`checkUrl`,
 * `resolveHost`) stay here, as they are one DNS lookup.
 *
 * The thread starts with the first request. If it dies, the requests it held fail as
 * retryable network errors (the engine retries publishes with their idempotency key) and the
 * next request starts a new one.
 */
export interface ThreadedHttpClient extends SafeHttpClient {
  /**
   * Starts the thread now rather than with the first request: loading it takes about half a
   * second, which a long-running server pays at start-up instead of in its first publish.
   */
  warm(): void;
}

export function createThreadedHttpClient(
  options: ThreadedHttpClientOptions = {},
  hooks: { onThreadStart?: (thread: Worker) => void } = {},
): ThreadedHttpClient {
  const local = createSafeHttpClient({ ...options, keepAlive: false });
  const failureCode = options.failureCode ?? 'PUBLISH_FAILED';
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  let nextId = 1;
  let closed = false;

  const settle = (answer: FromThread): void => {
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    waiting.release();
    if (pending.size === 0) worker?.unref();
    if (answer.ok) waiting.resolve(toResponse(answer.response));
    else waiting.reject(errorFromThread(answer.error));
  };

  const failAll = (reason: string): void => {
    const waiting = [...pending.values()];
    pending.clear();
    for (const request of waiting) {
      request.release();
      request.reject(
        new AppError({
          code: failureCode,
          message: `Network error: ${reason}`,
          retryable: true,
          details: { reason: 'network', status: null },
        }),
      );
    }
  };

  const thread = (): Worker => {
    if (worker) return worker;
    const started = new Worker(new URL('./http-thread.bootstrap.mjs', import.meta.url), {
      workerData: options,
      // A clean thread: the bootstrap loads what it needs (inherited loader flags would load
      // it twice).
      execArgv: [],
    });
    started.on('message', settle);
    started.on('error', (error) => {
      if (worker === started) worker = null;
      failAll(`the HTTP thread failed (${error.message})`);
    });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      if (pending.size > 0) failAll(`the HTTP thread stopped (exit code ${code})`);
    });
    worker = started;
    hooks.onThreadStart?.(started);
    return started;
  };

  function request(req: SafeHttpRequest): Promise<SafeHttpResponse> {
    if (closed) return Promise.reject(new Error('The HTTP client is closed'));
    if (req.signal?.aborted) return local.request(req);
    const id = nextId++;
    const message: ThreadRequest = {
      type: 'request',
      id,
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: typeof req.body === 'string' || req.body === undefined ? req.body : ownBytes(req.body),
      timeoutMs: req.timeoutMs,
      maxRedirects: req.maxRedirects,
      onOversize: req.onOversize,
      originBoundHeaders: req.originBoundHeaders,
      freshConnection: req.freshConnection,
    };
    const target = thread();
    return new Promise<SafeHttpResponse>((resolve, reject) => {
      const signal = req.signal;
      const onAbort = (): void => target.postMessage({ type: 'abort', id });
      signal?.addEventListener('abort', onAbort, { once: true });
      const release = signal ? () => signal.removeEventListener('abort', onAbort) : noop;
      pending.set(id, { resolve, reject, release });
      if (pending.size === 1) target.ref();
      const bytes = message.body instanceof Uint8Array ? [message.body.buffer as ArrayBuffer] : [];
      target.postMessage(message, bytes);
    });
  }

  return {
    allowPrivateNetwork: local.allowPrivateNetwork,
    request,
    checkUrl: (url) => local.checkUrl(url),
    resolveHost: (host) => local.resolveHost(host),
    warm() {
      // Idle, it must not keep the process alive (a request refs it while it waits).
      if (!closed && pending.size === 0) thread().unref();
    },
    close() {
      closed = true;
      local.close();
      const stopping = worker;
      worker = null;
      failAll('the HTTP client was closed');
      void stopping?.terminate();
    },
  };
}

function toResponse(response: ThreadResponse): SafeHttpResponse {
  const body = asBuffer(response.body);
  return { ...response, body, text: () => body.toString('utf8') };
}
