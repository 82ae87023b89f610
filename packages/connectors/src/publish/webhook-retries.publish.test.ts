import { describe, expect, it } from 'vitest';
import { publishRequest } from './testing/fixtures.js';
import { useWebhookReceiver } from './testing/webhook-receiver.js';

// How receiver answers map to retryable or final failures, and that retries deliver once.

const receiver = useWebhookReceiver();

describe('webhook responses and retries', () => {
  it('500 five times then 200: one effective delivery, same id and key on every attempt', async () => {
    receiver.script = Array.from({ length: 5 }, () => ({ status: 500, body: { error: 'down' } }));
    const { result, errors } = await receiver.deliverWithRetries({ connectionId: 'hook' }, 8);

    expect(errors).toHaveLength(5);
    for (const error of errors) {
      expect(error.code).toBe('PUBLISH_FAILED');
      expect(error.retryable).toBe(true);
      expect(error.details).toMatchObject({ status: 500, responseExcerpt: '{"error":"down"}' });
      expect(error.details.durationMs).toEqual(expect.any(Number));
    }
    expect(result?.status).toBe(200);
    expect(receiver.attempts).toHaveLength(6);
    expect(new Set(receiver.attempts.map((a) => a.id)).size).toBe(1);
    expect(new Set(receiver.attempts.map((a) => a.idempotencyKey))).toEqual(
      new Set(['run_1:publish_1']),
    );
    expect(receiver.attempts.every((a) => a.verifiedWith.includes('current'))).toBe(true);
    expect(receiver.effective.size).toBe(1);
    expect(receiver.sink.requests.at(-1)?.headers['x-source']).toBe('tandem');
  });

  it('other 4xx fail at once; 429 and 503 honour Retry-After (seconds and HTTP date)', async () => {
    receiver.script = [{ status: 422, body: { error: 'bad field' } }];
    const bad = await receiver.publisher
      .publish(publishRequest('webhook', { connectionId: 'hook' }))
      .catch((e) => e);
    expect(bad).toMatchObject({ code: 'PUBLISH_FAILED', retryable: false });
    expect(bad.details.responseExcerpt).toContain('bad field');

    receiver.script = [{ status: 429, headers: { 'retry-after': '7' } }];
    const limited = await receiver.publisher
      .publish(publishRequest('webhook', { connectionId: 'hook' }))
      .catch((e) => e);
    expect(limited).toMatchObject({ code: 'PUBLISH_FAILED', retryable: true, retryAfterMs: 7_000 });

    const at = new Date(Date.now() + 60_000).toUTCString();
    receiver.script = [{ status: 503, headers: { 'retry-after': at } }];
    const busy = await receiver.publisher
      .publish(publishRequest('webhook', { connectionId: 'hook' }))
      .catch((e) => e);
    expect(busy.retryable).toBe(true);
    expect(busy.retryAfterMs).toBeGreaterThan(55_000);
    expect(busy.retryAfterMs).toBeLessThanOrEqual(60_000);

    receiver.script = [{ status: 408 }];
    const timeout = await receiver.publisher
      .publish(publishRequest('webhook', { connectionId: 'hook' }))
      .catch((e) => e);
    expect(timeout.retryable).toBe(true);
  });

  it('a hanging receiver times out as a retryable TIMEOUT, and the retry then succeeds', async () => {
    receiver.script = ['hang' as const];
    const { result, errors } = await receiver.deliverWithRetries({ connectionId: 'hook' }, 3);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(result?.status).toBe(200);
    expect(new Set(receiver.attempts.map((a) => a.id)).size).toBe(1);
  });

  it('always 500: every attempt fails (a dead letter for the engine); a replay with the same key succeeds', async () => {
    receiver.fallback = () => ({ status: 500 });
    const dead = await receiver.deliverWithRetries({ connectionId: 'hook' }, 4);
    expect(dead.result).toBeUndefined();
    expect(dead.errors.map((e) => e.retryable)).toEqual([true, true, true, true]);
    expect(receiver.effective.size).toBe(0);

    receiver.fallback = () => ({ status: 200 });
    const replay = await receiver.publisher.publish(
      publishRequest('webhook', { connectionId: 'hook' }, { attempt: 5 }),
    );
    expect(replay.status).toBe(200);
    expect(new Set(receiver.attempts.map((a) => a.id)).size).toBe(1);
    expect(receiver.effective.size).toBe(1);
  });
});
