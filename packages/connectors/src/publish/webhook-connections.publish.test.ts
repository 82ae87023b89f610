import { describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import { publishRequest } from './testing/fixtures.js';
import { useWebhookReceiver } from './testing/webhook-receiver.js';

// A connection's state and its secrets bound where a step may send.

const receiver = useWebhookReceiver();

describe('webhook connections and where they may send', () => {
  it('410 Gone: CONNECTION_DISABLED, not retried, and the connection is reported gone', async () => {
    receiver.fallback = () => ({ status: 410, body: { error: 'gone' } });
    const { result, errors } = await receiver.deliverWithRetries({ connectionId: 'hook' }, 5);
    expect(result).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe('CONNECTION_DISABLED');
    expect(errors[0]?.retryable).toBe(false);
    expect(errors[0]?.details).toMatchObject({ status: 410, connectionId: 'hook' });
    expect(receiver.gone).toEqual(['hook']);
  });

  it('a disabled connection is refused before anything is sent', async () => {
    const error = await receiver.publisher
      .publish(publishRequest('webhook', { connectionId: 'off' }))
      .catch((e) => e);
    expect(isAppError(error, 'CONNECTION_DISABLED')).toBe(true);
    expect(receiver.attempts).toHaveLength(0);
  });

  it("never sends a connection's headers or signature to a URL the step names on another host", async () => {
    // The step's settings are a designer's; the connection's header values are an admin's
    // secret. A step naming both sent the API key to wherever the designer pointed it.
    const elsewhere = `http://localhost:${new URL(receiver.sink.origin).port}/collect`;
    const before = receiver.sink.requests.length;
    for (const connectionId of ['keyed', 'hook']) {
      const error = await receiver.publisher
        .publish(publishRequest('webhook', { connectionId, url: elsewhere }))
        .catch((e) => e);
      expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
      expect(error.retryable).toBe(false);
      expect(JSON.stringify(error.details.issues)).toContain('url');
    }
    expect(receiver.sink.requests.length).toBe(before);
  });

  it("does not carry a connection's header values along a redirect to another host", async () => {
    const elsewhere = `http://localhost:${new URL(receiver.sink.origin).port}/landing`;
    receiver.script = [{ status: 307, headers: { location: elsewhere } }];
    await receiver.publisher.publish(publishRequest('webhook', { connectionId: 'keyed' }));
    const [first, second] = receiver.sink.requests.slice(-2);
    expect(first?.headers['x-api-key']).toBe('connection-header-api-key');
    expect(second?.url).toBe('/landing');
    expect(second?.headers['x-api-key']).toBeUndefined();
  });

  it("a step with a connection may only repeat the connection's own address", async () => {
    // Another path on the receiver's host is another endpoint of its API, called with the key.
    const error = await receiver.publisher
      .publish(
        publishRequest('webhook', {
          connectionId: 'keyed',
          url: `${receiver.sink.origin}/admin/users`,
        }),
      )
      .catch((e) => e);
    expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
    await receiver.publisher.publish(
      publishRequest('webhook', { connectionId: 'keyed', url: `${receiver.sink.origin}/hooks/in` }),
    );
    const seen = receiver.sink.requests.at(-1);
    expect(seen?.url).toBe('/hooks/in');
    expect(seen?.headers['x-api-key']).toBe('connection-header-api-key');
  });
});
