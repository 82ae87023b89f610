import { describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import { createSafeHttpClient } from '../http/safe-http.client.js';
import { createPublisher } from './publisher.js';
import { publishRequest } from './testing/fixtures.js';
import { useWebhookReceiver } from './testing/webhook-receiver.js';

// Bad configs and forbidden targets are refused before any request leaves.

const receiver = useWebhookReceiver();

describe('webhook configs refused before sending', () => {
  it('refuses bad configs with field paths, before sending', async () => {
    const url = `${receiver.sink.origin}/x`;
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
      const error = await receiver.publisher.publish(request).catch((e) => e);
      expect(isAppError(error, 'CONFIG_INVALID'), JSON.stringify(config)).toBe(true);
      expect(error.retryable).toBe(false);
      expect(JSON.stringify(error.details.issues)).toContain(field);
    }
    expect(receiver.attempts).toHaveLength(0);
  });

  it('refuses a private target when private networks are not allowed', async () => {
    const strict = createPublisher({
      http: createSafeHttpClient(),
      resolveConnection: receiver.resolve,
      logger: receiver.logger,
    });
    const error = await strict
      .publish(publishRequest('webhook', { connectionId: 'hook' }))
      .catch((e) => e);
    expect(isAppError(error, 'URL_FORBIDDEN')).toBe(true);
    expect(error.retryable).toBe(false);
    expect(receiver.attempts).toHaveLength(0);
  });
});
