import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '@tandem/schema';
import type { PublishResult } from '@tandem/nodes';
import { createSafeHttpClient } from '../http/safe-http.client.js';
import {
  startLocalHttpServer,
  type LocalHttpServer,
  type RecordedRequest,
} from '../http/testing/local-http-server.js';
import { createPublisher } from './publisher.js';
import { computeBackoffMs } from './retry.js';
import { connectionStore, publishRequest, recordingLogger } from './testing/fixtures.js';
import { generateWebhookSecret } from './webhook-signing.js';

/*
 * A receiver that verifies every delivery the Standard Webhooks way (with the reference
 * `standardwebhooks` library, not our signing code) and treats webhook-id as its dedupe key,
 * the way receivers are told to. Its answers are scripted per test.
 */

const SECRET = generateWebhookSecret();
const OLD_SECRET = generateWebhookSecret();

interface Delivery {
  id: string;
  idempotencyKey: string;
  verifiedWith: string[];
  body: unknown;
}

let sink: LocalHttpServer;
type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';
let script: Answer[] = [];
let fallback: (req: RecordedRequest) => Answer;
const attempts: Delivery[] = [];
const effective = new Map<string, Delivery>();

function verify(req: RecordedRequest): Delivery {
  const headers = {
    'webhook-id': String(req.headers['webhook-id']),
    'webhook-timestamp': String(req.headers['webhook-timestamp']),
    'webhook-signature': String(req.headers['webhook-signature']),
  };
  const verifiedWith: string[] = [];
  for (const [name, secret] of [
    ['current', SECRET],
    ['previous', OLD_SECRET],
  ] as const) {
    try {
      new Webhook(secret).verify(req.body, headers);
      verifiedWith.push(name);
    } catch {
      // not signed with this secret
    }
  }
  return {
    id: headers['webhook-id'],
    idempotencyKey: String(req.headers['idempotency-key']),
    verifiedWith,
    body: JSON.parse(req.body),
  };
}

const { resolve, rows } = connectionStore([
  {
    id: 'hook',
    kind: 'webhook',
    settings: { url: 'PLACEHOLDER' },
    secrets: { signingSecret: SECRET, headers: { 'X-Source': 'tandem' } },
  },
  {
    id: 'keyed',
    kind: 'webhook',
    settings: { url: 'PLACEHOLDER' },
    secrets: { headers: { 'X-Api-Key': 'connection-header-api-key' } },
  },
  {
    // Saved before header values were sealed: they sit in plain text in the settings.
    id: 'legacy',
    kind: 'webhook',
    settings: { url: 'PLACEHOLDER', headers: { 'X-Api-Key': 'legacy-header-api-key' } },
    secrets: {},
  },
  {
    id: 'rotating',
    kind: 'webhook',
    settings: { url: 'PLACEHOLDER' },
    secrets: { signingSecret: SECRET, previousSigningSecret: OLD_SECRET },
  },
  { id: 'off', kind: 'webhook', settings: { url: 'PLACEHOLDER' }, secrets: {}, disabled: true },
  { id: 'smtp', kind: 'smtp', settings: {}, secrets: {} },
]);
const gone: string[] = [];
const logger = recordingLogger();
const http = createSafeHttpClient({ allowPrivateNetwork: true, timeoutMs: 1_500 });
const publisher = createPublisher({
  http,
  resolveConnection: resolve,
  logger,
  onConnectionGone: (id) => {
    gone.push(id);
  },
});

beforeAll(async () => {
  sink = await startLocalHttpServer((req, res) => {
    const delivery = verify(req);
    attempts.push(delivery);
    const step = script.shift() ?? fallback(req);
    if (step === 'hang') return;
    if (step.status >= 200 && step.status < 300 && delivery.verifiedWith.length > 0) {
      effective.set(delivery.id, delivery);
    }
    res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
    res.end(JSON.stringify(step.body ?? {}));
  });
  for (const row of rows.values()) {
    if (row.kind === 'webhook') row.settings = { ...row.settings, url: `${sink.origin}/hooks/in` };
  }
});
afterAll(() => sink.close());
beforeEach(() => {
  script = [];
  fallback = () => ({ status: 200, body: { ok: true } });
  attempts.length = 0;
  effective.clear();
  gone.length = 0;
});

/** The engine's loop in miniature: retry retryable failures after computeBackoffMs. */
async function deliverWithRetries(
  config: Record<string, unknown>,
  maxAttempts: number,
): Promise<{ result?: PublishResult; errors: AppError[] }> {
  const errors: AppError[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    try {
      return {
        result: await publisher.publish(publishRequest('webhook', config, { attempt })),
        errors,
      };
    } catch (error) {
      if (!isAppError(error)) throw error;
      errors.push(error);
      if (!error.retryable) break;
      await sleep(
        computeBackoffMs(attempt, { baseMs: 5, capMs: 20, retryAfterMs: error.retryAfterMs }),
      );
    }
  }
  return { errors };
}

describe('webhook publishing', () => {
  it('500 five times then 200: one effective delivery, same id and key on every attempt', async () => {
    script = Array.from({ length: 5 }, () => ({ status: 500, body: { error: 'down' } }));
    const { result, errors } = await deliverWithRetries({ connectionId: 'hook' }, 8);

    expect(errors).toHaveLength(5);
    for (const error of errors) {
      expect(error.code).toBe('PUBLISH_FAILED');
      expect(error.retryable).toBe(true);
      expect(error.details).toMatchObject({ status: 500, responseExcerpt: '{"error":"down"}' });
      expect(error.details.durationMs).toEqual(expect.any(Number));
    }
    expect(result?.status).toBe(200);
    expect(attempts).toHaveLength(6);
    expect(new Set(attempts.map((a) => a.id)).size).toBe(1);
    expect(new Set(attempts.map((a) => a.idempotencyKey))).toEqual(new Set(['run_1:publish_1']));
    expect(attempts.every((a) => a.verifiedWith.includes('current'))).toBe(true);
    expect(effective.size).toBe(1);
    expect(sink.requests.at(-1)?.headers['x-source']).toBe('tandem');
  });

  it('sends the default body: content, run, flow, node and publication key', async () => {
    const result = await publisher.publish(publishRequest('webhook', { connectionId: 'hook' }));
    expect(attempts[0]?.body).toEqual({
      type: 'tandem.publication',
      key: 'run_1:publish_1',
      runId: 'run_1',
      flowId: 'flow_1',
      nodeId: 'publish_1',
      contentHash: 'sha256-abc',
      content: {
        title: 'Spring launch',
        text: 'Our spring collection is here.\n\nCome and see it.',
      },
    });
    expect(result.target).toBe(`${sink.origin}/hooks/in`);
    expect(result.request).toMatchObject({
      method: 'POST',
      headers: { 'idempotency-key': 'run_1:publish_1' },
    });
    expect(JSON.stringify(result.request)).not.toContain(SECRET);
  });

  it('sends the node-rendered body, PUT to a URL set on the node, with its extra headers', async () => {
    // publish.webhook renders its Liquid body template and hands the result over as content.body.
    const body = '{"headline": "Spring launch",  "run": "run_1", "n": 3}';
    const result = await publisher.publish(
      publishRequest(
        'webhook',
        {
          url: `${sink.origin}/direct`,
          method: 'PUT',
          headers: [{ name: 'X-Api-Key', value: 'k-1234567890abcdef' }],
          bodyTemplate: '{"headline": {{ content.title | json }}, ...}',
        },
        { content: { text: 'x', body } },
      ),
    );
    const seen = sink.requests.at(-1);
    expect(seen?.method).toBe('PUT');
    expect(seen?.url).toBe('/direct');
    expect(seen?.body).toBe('{"headline":"Spring launch","run":"run_1","n":3}');
    expect(seen?.headers['x-api-key']).toBe('k-1234567890abcdef');
    // Unsigned (no connection), still identified and idempotent.
    expect(seen?.headers['webhook-signature']).toBeUndefined();
    expect(seen?.headers['webhook-id']).toMatch(/^msg_/);
    expect(seen?.headers['idempotency-key']).toBe('run_1:publish_1');
    expect(JSON.stringify(result.request)).not.toContain('k-1234567890abcdef');
  });

  it('custom headers cannot override the headers the connector owns', async () => {
    await publisher.publish(
      publishRequest('webhook', {
        connectionId: 'hook',
        headers: {
          'Idempotency-Key': 'forged',
          'Webhook-Id': 'forged',
          'Content-Type': 'text/plain',
        },
      }),
    );
    const seen = sink.requests.at(-1);
    expect(seen?.headers['idempotency-key']).toBe('run_1:publish_1');
    expect(seen?.headers['webhook-id']).not.toBe('forged');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(attempts[0]?.verifiedWith).toEqual(['current']);
  });

  it('signs with both secrets during rotation', async () => {
    await publisher.publish(publishRequest('webhook', { connectionId: 'rotating' }));
    expect(String(sink.requests.at(-1)?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(attempts[0]?.verifiedWith).toEqual(['current', 'previous']);
  });

  it('410 Gone: CONNECTION_DISABLED, not retried, and the connection is reported gone', async () => {
    fallback = () => ({ status: 410, body: { error: 'gone' } });
    const { result, errors } = await deliverWithRetries({ connectionId: 'hook' }, 5);
    expect(result).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe('CONNECTION_DISABLED');
    expect(errors[0]?.retryable).toBe(false);
    expect(errors[0]?.details).toMatchObject({ status: 410, connectionId: 'hook' });
    expect(gone).toEqual(['hook']);
  });

  it('a disabled connection is refused before anything is sent', async () => {
    const error = await publisher
      .publish(publishRequest('webhook', { connectionId: 'off' }))
      .catch((e) => e);
    expect(isAppError(error, 'CONNECTION_DISABLED')).toBe(true);
    expect(attempts).toHaveLength(0);
  });

  it('other 4xx fail at once; 429 and 503 honour Retry-After (seconds and HTTP date)', async () => {
    script = [{ status: 422, body: { error: 'bad field' } }];
    const bad = await publisher
      .publish(publishRequest('webhook', { connectionId: 'hook' }))
      .catch((e) => e);
    expect(bad).toMatchObject({ code: 'PUBLISH_FAILED', retryable: false });
    expect(bad.details.responseExcerpt).toContain('bad field');

    script = [{ status: 429, headers: { 'retry-after': '7' } }];
    const limited = await publisher
      .publish(publishRequest('webhook', { connectionId: 'hook' }))
      .catch((e) => e);
    expect(limited).toMatchObject({ code: 'PUBLISH_FAILED', retryable: true, retryAfterMs: 7_000 });

    const at = new Date(Date.now() + 60_000).toUTCString();
    script = [{ status: 503, headers: { 'retry-after': at } }];
    const busy = await publisher
      .publish(publishRequest('webhook', { connectionId: 'hook' }))
      .catch((e) => e);
    expect(busy.retryable).toBe(true);
    expect(busy.retryAfterMs).toBeGreaterThan(55_000);
    expect(busy.retryAfterMs).toBeLessThanOrEqual(60_000);

    script = [{ status: 408 }];
    const timeout = await publisher
      .publish(publishRequest('webhook', { connectionId: 'hook' }))
      .catch((e) => e);
    expect(timeout.retryable).toBe(true);
  });

  it('a hanging receiver times out as a retryable TIMEOUT, and the retry then succeeds', async () => {
    script = ['hang' as const];
    const { result, errors } = await deliverWithRetries({ connectionId: 'hook' }, 3);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(result?.status).toBe(200);
    expect(new Set(attempts.map((a) => a.id)).size).toBe(1);
  });

  it('always 500: every attempt fails (a dead letter for the engine); a replay with the same key succeeds', async () => {
    fallback = () => ({ status: 500 });
    const dead = await deliverWithRetries({ connectionId: 'hook' }, 4);
    expect(dead.result).toBeUndefined();
    expect(dead.errors.map((e) => e.retryable)).toEqual([true, true, true, true]);
    expect(effective.size).toBe(0);

    fallback = () => ({ status: 200 });
    const replay = await publisher.publish(
      publishRequest('webhook', { connectionId: 'hook' }, { attempt: 5 }),
    );
    expect(replay.status).toBe(200);
    expect(new Set(attempts.map((a) => a.id)).size).toBe(1);
    expect(effective.size).toBe(1);
  });

  it('never puts the signing secret in excerpts, errors or logs', async () => {
    script = [{ status: 400, body: { echoedSecret: SECRET } }];
    const error = await publisher
      .publish(publishRequest('webhook', { connectionId: 'hook' }))
      .catch((e) => e);
    expect(JSON.stringify(error.details)).not.toContain(SECRET);
    expect(error.message).not.toContain(SECRET);
    expect(logger.lines.join('\n')).not.toContain(SECRET.slice(6));
    expect(logger.lines.some((line) => line.startsWith('warn Publish attempt failed'))).toBe(true);
  });

  it.each([
    ['keyed', 'connection-header-api-key'],
    ['legacy', 'legacy-header-api-key'],
  ])(
    "sends connection %s's header values but never puts them in excerpts or errors",
    async (connectionId, key) => {
      script = [{ status: 400, body: { youSent: { 'x-api-key': key } } }];
      const error = await publisher
        .publish(publishRequest('webhook', { connectionId }))
        .catch((e) => e);
      expect(sink.requests.at(-1)?.headers['x-api-key']).toBe(key);
      expect(error.message).toContain('youSent');
      expect(error.message).not.toContain(key);
      expect(JSON.stringify(error.details)).not.toContain(key);
    },
  );

  it("never sends a connection's headers or signature to a URL the step names on another host", async () => {
    // The step's settings are a designer's; the connection's header values are an admin's
    // secret. A step naming both sent the API key to wherever the designer pointed it.
    const elsewhere = `http://localhost:${new URL(sink.origin).port}/collect`;
    const before = sink.requests.length;
    for (const connectionId of ['keyed', 'hook']) {
      const error = await publisher
        .publish(publishRequest('webhook', { connectionId, url: elsewhere }))
        .catch((e) => e);
      expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
      expect(error.retryable).toBe(false);
      expect(JSON.stringify(error.details.issues)).toContain('url');
    }
    expect(sink.requests.length).toBe(before);
  });

  it("does not carry a connection's header values along a redirect to another host", async () => {
    const elsewhere = `http://localhost:${new URL(sink.origin).port}/landing`;
    script = [{ status: 307, headers: { location: elsewhere } }];
    await publisher.publish(publishRequest('webhook', { connectionId: 'keyed' }));
    const [first, second] = sink.requests.slice(-2);
    expect(first?.headers['x-api-key']).toBe('connection-header-api-key');
    expect(second?.url).toBe('/landing');
    expect(second?.headers['x-api-key']).toBeUndefined();
  });

  it("a step with a connection may only repeat the connection's own address", async () => {
    // Another path on the receiver's host is another endpoint of its API, called with the key.
    const error = await publisher
      .publish(
        publishRequest('webhook', { connectionId: 'keyed', url: `${sink.origin}/admin/users` }),
      )
      .catch((e) => e);
    expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
    await publisher.publish(
      publishRequest('webhook', { connectionId: 'keyed', url: `${sink.origin}/hooks/in` }),
    );
    const seen = sink.requests.at(-1);
    expect(seen?.url).toBe('/hooks/in');
    expect(seen?.headers['x-api-key']).toBe('connection-header-api-key');
  });

  it('refuses bad configs with field paths, before sending', async () => {
    const url = `${sink.origin}/x`;
    const cases: [Record<string, unknown>, string, string?][] = [
      [{}, 'url'],
      [{ url, method: 'DELETE' }, 'method'],
      [{ url }, 'bodyTemplate', 'not json run_1'],
      [{ url, headers: [{ name: 'X-Evil', value: 'a\r\nInjected: 1' }] }, 'headers'],
      [{ url, headers: [{ name: 'Bad Name', value: 'x' }] }, 'headers'],
      [{ connectionId: 'smtp' }, 'connectionId'],
    ];
    for (const [config, field, body] of cases) {
      const request = publishRequest(
        'webhook',
        config,
        body ? { content: { text: 'x', body } } : {},
      );
      const error = await publisher.publish(request).catch((e) => e);
      expect(isAppError(error, 'CONFIG_INVALID'), JSON.stringify(config)).toBe(true);
      expect(error.retryable).toBe(false);
      expect(JSON.stringify(error.details.issues)).toContain(field);
    }
    expect(attempts).toHaveLength(0);
  });

  it('refuses a private target when private networks are not allowed', async () => {
    const strict = createPublisher({
      http: createSafeHttpClient(),
      resolveConnection: resolve,
      logger,
    });
    const error = await strict
      .publish(publishRequest('webhook', { connectionId: 'hook' }))
      .catch((e) => e);
    expect(isAppError(error, 'URL_FORBIDDEN')).toBe(true);
    expect(error.retryable).toBe(false);
    expect(attempts).toHaveLength(0);
  });
});
