import { describe, expect, it } from 'vitest';
import { publishRequest } from './testing/fixtures.js';
import { SECRET, useWebhookReceiver } from './testing/webhook-receiver.js';

// Deliveries are signed (both secrets during a rotation) and no secret leaks into errors or logs.

const receiver = useWebhookReceiver();

describe('webhook signing and secrets', () => {
  it('signs with both secrets during rotation', async () => {
    await receiver.publisher.publish(publishRequest('webhook', { connectionId: 'rotating' }));
    expect(
      String(receiver.sink.requests.at(-1)?.headers['webhook-signature']).split(' '),
    ).toHaveLength(2);
    expect(receiver.attempts[0]?.verifiedWith).toEqual(['current', 'previous']);
  });

  it('never puts the signing secret in excerpts, errors or logs', async () => {
    receiver.script = [{ status: 400, body: { echoedSecret: SECRET } }];
    const error = await receiver.publisher
      .publish(publishRequest('webhook', { connectionId: 'hook' }))
      .catch((e) => e);
    expect(JSON.stringify(error.details)).not.toContain(SECRET);
    expect(error.message).not.toContain(SECRET);
    expect(receiver.logger.lines.join('\n')).not.toContain(SECRET.slice(6));
    expect(
      receiver.logger.lines.some((line) => line.startsWith('warn Publish attempt failed')),
    ).toBe(true);
  });

  it.each([
    ['keyed', 'connection-header-api-key'],
    ['legacy', 'legacy-header-api-key'],
  ])(
    "sends connection %s's header values but never puts them in excerpts or errors",
    async (connectionId, key) => {
      receiver.script = [{ status: 400, body: { youSent: { 'x-api-key': key } } }];
      const error = await receiver.publisher
        .publish(publishRequest('webhook', { connectionId }))
        .catch((e) => e);
      expect(receiver.sink.requests.at(-1)?.headers['x-api-key']).toBe(key);
      expect(error.message).toContain('youSent');
      expect(error.message).not.toContain(key);
      expect(JSON.stringify(error.details)).not.toContain(key);
    },
  );
});
