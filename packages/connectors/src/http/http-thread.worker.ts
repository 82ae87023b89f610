import { parentPort, workerData } from 'node:worker_threads';
import type { FromThread, ThreadedHttpClientOptions, ToThread } from './http-thread.protocol.js';
import { errorToThread } from './http-thread.protocol.js';
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
      body: message.body === undefined ? undefined : bodyOf(message.body),
      signal: controller.signal,
      timeoutMs: message.timeoutMs,
      maxRedirects: message.maxRedirects,
      onOversize: message.onOversize,
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

/**
 * The body in a buffer of its own, handed over rather than copied. A small Buffer is a view of
 * a shared 8 KiB pool, and posting a view copies its whole backing buffer: every answer carried
 * 8 KiB, and the pool could not be transferred.
 */
function ownBytes(body: Buffer): Uint8Array {
  const bytes = new Uint8Array(body.byteLength);
  bytes.set(body);
  return bytes;
}

/** A body sent as bytes arrives as a Uint8Array; the client wants a string or a Buffer. */
function bodyOf(body: string | Uint8Array): string | Buffer {
  return typeof body === 'string'
    ? body
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
