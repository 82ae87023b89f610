import type { HttpMethod, SafeHttpClient } from './safe-http.client.js';

/*
 * A fetch-compatible face of the guarded client, for SDKs that take a `fetch` option (the
 * openai SDK does), so their traffic gets the same address checks, redirects re-checked and
 * limits. Bodies are buffered: fine for JSON APIs, not for streaming.
 */

const METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function createSafeFetch(client: SafeHttpClient): FetchLike {
  return async (input, init = {}) => {
    const request = new Request(input, init);
    const method = request.method.toUpperCase() as HttpMethod;
    if (!METHODS.has(method)) throw new TypeError(`Method ${request.method} is not supported`);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body =
      method === 'GET' || method === 'HEAD' ? undefined : Buffer.from(await request.arrayBuffer());
    const response = await client.request({
      method,
      url: request.url,
      headers,
      ...(body && body.length > 0 ? { body } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    // A plain Uint8Array: the DOM typings (the browser tests compile this file too) take no Buffer.
    const content = NULL_BODY_STATUSES.has(response.status) ? null : Uint8Array.from(response.body);
    return new Response(content, {
      status: response.status,
      headers: response.headers,
    });
  };
}
