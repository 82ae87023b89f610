import { parentPort, workerData } from 'node:worker_threads';
import type {
  FromThread,
  ThreadedHttpClientOptions,
  ThreadRequest,
  ToThread,
} from './http-thread.protocol.js';
import { asBuffer, errorToThread, ownBytes } from './http-thread.protocol.js';
import { createSafeHttpClient } from './safe-http.client.js';
import { TurnPacer } from './turn-pacer.js';

/*
 * The HTTP thread: the same guarded client, run off the event loop. It gets requests by message
 * and answers each with the response or the error as plain data.
 */
if (!parentPort) throw new Error('http-thread.worker runs only as a worker thread');
const port = parentPort;

const client = createSafeHttpClient(workerData as ThreadedHttpClientOptions);
/** Requests started and not yet answered, and requests waiting for their turn to start. */
const aborts = new Map<number, AbortController>();
/** Requests started per turn of this thread's loop (see turn-pacer.ts). */
const REQUESTS_PER_TURN = 8;
const pacer = new TurnPacer<ThreadRequest>(send, REQUESTS_PER_TURN);

port.on('message', (message: ToThread) => {
  if (message.type === 'abort') {
    // A request still waiting for its turn fails when its turn comes, without being sent.
    aborts.get(message.id)?.abort();
    return;
  }
  aborts.set(message.id, new AbortController());
  pacer.push(message);
});

function send(message: ThreadRequest): void {
  const { id } = message;
  const controller = aborts.get(id)!;
  client
    .request({
      method: message.method,
      url: message.url,
      headers: message.headers,
      body: typeof message.body === 'object' ? asBuffer(message.body) : message.body,
      signal: controller.signal,
      timeoutMs: message.timeoutMs,
      maxRedirects: message.maxRedirects,
      onOversize: message.onOversize,
      originBoundHeaders: message.originBoundHeaders,
      freshConnection: message.freshConnection,
    })
    .then(
      (response): FromThread => ({
        id,
        ok: true,
        response: {
          status: response.status,
          headers: response.headers,
          body: ownBytes(response.body),
          truncated: response.truncated,
          url: response.url,
          redirects: response.redirects,
          durationMs: response.durationMs,
        },
      }),
      (error: unknown): FromThread => ({ id, ok: false, error: errorToThread(error) }),
    )
    .then((answer) => {
      aborts.delete(id);
      port.postMessage(answer, answer.ok ? [answer.response.body.buffer as ArrayBuffer] : []);
    });
}
