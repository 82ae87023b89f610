import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import type { Resolver } from './outbound-url.js';
import { createSafeFetch } from './safe-fetch.js';
import { createThreadedHttpClient } from './http-thread.js';
import { createSafeHttpClient, type SafeHttpClientOptions } from './safe-http.client.js';
import { startLocalHttpServer, type LocalHttpServer } from './testing/local-http-server.js';

/** The same behaviour whether requests are sent from this thread or from the HTTP thread. */
const implementations = [
  { name: 'on the event loop', create: createSafeHttpClient },
  { name: 'from the HTTP thread', create: createThreadedHttpClient },
] as const;

describe.each(implementations)('safe HTTP client $name against a local server', (impl) => {
  let server: LocalHttpServer;
  const make = (options: Omit<SafeHttpClientOptions, 'resolve' | 'isAllowedAddress'>) =>
    impl.create(options);
  const client = make({ allowPrivateNetwork: true, timeoutMs: 5_000, maxResponseBytes: 1_000 });

  beforeAll(async () => {
    server = await startLocalHttpServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      switch (path) {
        case '/echo':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ method: req.method, body: req.body, host: req.headers.host }));
          return;
        case '/big':
          res.end('x'.repeat(5_000));
          return;
        case '/hang':
          return;
        case '/slow-body':
          res.writeHead(200);
          res.write('partial');
          return;
        case '/see-other':
          res.writeHead(303, { location: '/echo' });
          res.end();
          return;
        case '/loop':
          res.writeHead(302, { location: '/loop' });
          res.end();
          return;
        case '/to-other-origin':
          res.writeHead(307, { location: `http://localhost:${server.port}/echo` });
          res.end();
          return;
        default:
          res.statusCode = 404;
          res.end('nope');
      }
    });
  });
  afterAll(async () => {
    client.close();
    await server.close();
  });

  it('sends the method, body and headers and reads the answer', async () => {
    const res = await client.request({
      method: 'POST',
      url: `${server.origin}/echo`,
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text())).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(res.durationMs).toBeGreaterThanOrEqual(0);
    const seen = server.requests.at(-1);
    expect(seen?.headers['content-length']).toBe('7');
    expect(seen?.headers['user-agent']).toBe('Tandem/1.0');
  });

  it('times out a receiver that never answers, as a retryable TIMEOUT', async () => {
    const started = Date.now();
    const error = await client
      .request({ method: 'POST', url: `${server.origin}/hang`, body: 'x', timeoutMs: 300 })
      .catch((e) => e);
    expect(isAppError(error, 'TIMEOUT')).toBe(true);
    expect(error.retryable).toBe(true);
    // The request went out whole: whether the receiver acted on it is open.
    expect(error.details.requestSent).toBe(true);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('says when a request never left: nobody listening', async () => {
    const gone = await startLocalHttpServer(() => undefined);
    await gone.close();
    const error = await client
      .request({ method: 'POST', url: `${gone.origin}/echo`, body: 'x' })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'PUBLISH_FAILED', retryable: true });
    expect(error.details.requestSent).toBe(false);
  });

  it('keeps connections alive, unless a request asks for a fresh one', async () => {
    const request = { method: 'POST' as const, url: `${server.origin}/echo`, body: '{}' };
    await client.request(request);
    expect(server.requests.at(-1)?.headers.connection).toBe('keep-alive');
    await client.request({ ...request, freshConnection: true });
    expect(server.requests.at(-1)?.headers.connection).toBe('close');
  });

  it('times out a body that never ends (the deadline covers the whole exchange)', async () => {
    const error = await client
      .request({ method: 'GET', url: `${server.origin}/slow-body`, timeoutMs: 300 })
      .catch((e) => e);
    expect(isAppError(error, 'TIMEOUT')).toBe(true);
  });

  it('refuses a body past the size limit, or truncates it on request', async () => {
    const error = await client
      .request({ method: 'GET', url: `${server.origin}/big` })
      .catch((e) => e);
    expect(isAppError(error, 'PAYLOAD_TOO_LARGE')).toBe(true);
    const res = await client.request({
      method: 'GET',
      url: `${server.origin}/big`,
      onOversize: 'truncate',
    });
    expect(res.status).toBe(200);
    expect(res.truncated).toBe(true);
    expect(res.body.length).toBe(1_000);
  });

  it('turns a POST answered with 303 into a GET without a body', async () => {
    const res = await client.request({
      method: 'POST',
      url: `${server.origin}/see-other`,
      body: 'secret-body',
    });
    expect(JSON.parse(res.text())).toMatchObject({ method: 'GET', body: '' });
    expect(res.redirects).toBe(1);
  });

  it('stops after maxRedirects', async () => {
    const error = await client
      .request({ method: 'GET', url: `${server.origin}/loop` })
      .catch((e) => e);
    expect(isAppError(error, 'PUBLISH_FAILED')).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error.details.reason).toBe('redirects');
  });

  it('returns 3xx as is when redirects are off', async () => {
    const res = await client.request({
      method: 'GET',
      url: `${server.origin}/loop`,
      maxRedirects: 0,
    });
    expect(res.status).toBe(302);
  });

  it('drops credentials when a redirect changes origin', async () => {
    await client.request({
      method: 'POST',
      url: `${server.origin}/to-other-origin`,
      headers: { authorization: 'Bearer top-secret', 'x-keep': 'yes' },
      body: '{}',
    });
    const hop = server.requests.at(-1);
    expect(hop?.headers.host).toBe(`localhost:${server.port}`);
    expect(hop?.headers.authorization).toBeUndefined();
    expect(hop?.headers['x-keep']).toBe('yes');
    expect(hop?.body).toBe('{}');
  });

  it('drops the headers a caller names as credentials when a redirect changes origin', async () => {
    await client.request({
      method: 'POST',
      url: `${server.origin}/to-other-origin`,
      headers: { 'X-Api-Key': 'top-secret', 'x-keep': 'yes' },
      originBoundHeaders: ['x-API-key'],
      body: '{}',
    });
    const hop = server.requests.at(-1);
    expect(hop?.headers.host).toBe(`localhost:${server.port}`);
    expect(hop?.headers['x-api-key']).toBeUndefined();
    expect(hop?.headers['x-keep']).toBe('yes');
  });

  it('reports a refused connection as a retryable network failure', async () => {
    const closed = await startLocalHttpServer(() => undefined);
    const url = `${closed.origin}/`;
    await closed.close();
    const error = await client.request({ method: 'GET', url }).catch((e) => e);
    expect(isAppError(error, 'PUBLISH_FAILED')).toBe(true);
    expect(error.retryable).toBe(true);
    expect(error.details.reason).toBe('network');
  });

  it('reports a caller abort as CANCELED', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await client
      .request({ method: 'GET', url: `${server.origin}/hang`, signal: controller.signal })
      .catch((e) => e);
    expect(isAppError(error, 'CANCELED')).toBe(true);
  });

  it('uses the configured failure code for network errors', async () => {
    const llmClient = make({ allowPrivateNetwork: true, failureCode: 'LLM_ERROR' });
    const closed = await startLocalHttpServer(() => undefined);
    const url = closed.origin;
    await closed.close();
    const error = await llmClient.request({ method: 'GET', url }).catch((e) => e);
    llmClient.close();
    expect(isAppError(error, 'LLM_ERROR')).toBe(true);
  });

  it('refuses a private address unless the policy allows it', async () => {
    const strict = make({ timeoutMs: 2_000 });
    const error = await strict
      .request({ method: 'GET', url: `${server.origin}/echo` })
      .catch((e) => e);
    strict.close();
    expect(isAppError(error, 'URL_FORBIDDEN')).toBe(true);
    expect(error.details.reason).toBeDefined();
  });

  it('sends a body given as bytes', async () => {
    const res = await client.request({
      method: 'PUT',
      url: `${server.origin}/echo`,
      body: Buffer.from('{"bytes":true}'),
    });
    expect(JSON.parse(res.text())).toMatchObject({ method: 'PUT', body: '{"bytes":true}' });
  });

  it('answers many requests at once, each with its own response', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.request({ method: 'POST', url: `${server.origin}/echo`, body: `{"n":${i}}` }),
      ),
    );
    expect(answers.map((res) => JSON.parse(JSON.parse(res.text()).body).n)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
  });
});

// A custom resolver is a function, which cannot cross to the HTTP thread: on the event loop only.
describe('safe HTTP client with its own resolver', () => {
  let server: LocalHttpServer;
  beforeAll(async () => {
    server = await startLocalHttpServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ host: req.headers.host }));
    });
  });
  afterAll(() => server.close());

  it('connects to the address it checked, resolving once (no DNS rebinding)', async () => {
    let calls = 0;
    // A rebinding resolver: the first answer is the test server, later answers are private.
    const rebinding: Resolver = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    };
    const pinned = createSafeHttpClient({
      resolve: rebinding,
      isAllowedAddress: (address) => address === '127.0.0.1',
      timeoutMs: 5_000,
    });
    const res = await pinned.request({
      method: 'GET',
      url: `http://hooks.example.test:${server.port}/`,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text()).host).toBe(`hooks.example.test:${server.port}`);
    expect(calls).toBe(1);
  });

  it('the deadline covers a DNS lookup that never answers', async () => {
    const hanging = createSafeHttpClient({
      resolve: () => new Promise(() => undefined),
      timeoutMs: 200,
    });
    const error = await hanging
      .request({ method: 'GET', url: 'http://slow-dns.example.test/' })
      .catch((e) => e);
    expect(isAppError(error, 'TIMEOUT')).toBe(true);
  });
});

describe('fetch-compatible adapter', () => {
  it('carries method, headers and body, and keeps the address policy', async () => {
    const server = await startLocalHttpServer((req, res) => {
      res.writeHead(201, {
        'content-type': 'application/json',
        'x-seen': req.headers['x-k'] ?? '',
      });
      res.end(JSON.stringify({ method: req.method, body: req.body }));
    });
    try {
      const open = createSafeFetch(createSafeHttpClient({ allowPrivateNetwork: true }));
      const res = await open(`${server.origin}/v1/chat`, {
        method: 'POST',
        headers: { 'x-k': 'v', 'content-type': 'application/json' },
        body: '{"q":1}',
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-seen')).toBe('v');
      expect(await res.json()).toEqual({ method: 'POST', body: '{"q":1}' });

      const strict = createSafeFetch(createSafeHttpClient());
      const error = await strict(`${server.origin}/v1/chat`).catch((e) => e);
      expect(isAppError(error, 'URL_FORBIDDEN')).toBe(true);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
