import { parentPort, workerData } from 'node:worker_threads';
import type { FromThread, ThreadedHttpClientOptions, ToThread } from './http-thread.protocol.js';
import { asBuffer, errorToThread, ownBytes } from './http-thread.protocol.js';
import { createSafeHttpClient } from './safe-http.client.js';

/*
 * The HTTP thread: the same guarded client, run off the event loop. It gets requests by message
 * and answers each with the response or the error as plain data.
 */
const port = parentPort;
if (!port) throw new Error('http-thread.worker runs only as a worker thread');

const client = createSafeHttpClient(workerData as ThreadedHttpClientOptions);
const aborts = new Map<number, AbortController>();

port.on('message', (message: ToThread) => {
  if (message.type === 'abort') {
    aborts.get(message.id)?.abort();
    return;
  }
  const { id } = message;
  const controller = new AbortController();
  aborts.set(id, controller);
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
});
