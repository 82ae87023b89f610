import { describe, expect, it } from 'vitest';
import { publishRequest } from './testing/fixtures.js';
import { SECRET, useWebhookReceiver } from './testing/webhook-receiver.js';

// What a webhook publication puts on the wire: its body, method, URL and headers.

const receiver = useWebhookReceiver();

describe('the request a webhook publication sends', () => {
  it('sends the default body: content, run, flow, node and publication key', async () => {
    const result = await receiver.publisher.publish(
      publishRequest('webhook', { connectionId: 'hook' }),
    );
    expect(receiver.attempts[0]?.body).toEqual({
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
    expect(result.target).toBe(`${receiver.sink.origin}/hooks/in`);
    expect(result.request).toMatchObject({
      method: 'POST',
      headers: { 'idempotency-key': 'run_1:publish_1' },
    });
    expect(JSON.stringify(result.request)).not.toContain(SECRET);
  });

  it('sends the node-rendered body, PUT to a URL set on the node, with its extra headers', async () => {
    // publish.webhook renders its Liquid body template and hands the result over as content.body.
    const body = '{"headline": "Spring launch",  "run": "run_1", "n": 3}';
    const result = await receiver.publisher.publish(
      publishRequest(
        'webhook',
        {
          url: `${receiver.sink.origin}/direct`,
          method: 'PUT',
          headers: [{ name: 'X-Api-Key', value: 'k-1234567890abcdef' }],
          bodyTemplate: '{"headline": {{ content.title | json }}, ...}',
        },
        { content: { text: 'x', body } },
      ),
    );
    const seen = receiver.sink.requests.at(-1);
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
    await receiver.publisher.publish(
      publishRequest('webhook', {
        connectionId: 'hook',
        headers: {
          'Idempotency-Key': 'forged',
          'Webhook-Id': 'forged',
          'Content-Type': 'text/plain',
        },
      }),
    );
    const seen = receiver.sink.requests.at(-1);
    expect(seen?.headers['idempotency-key']).toBe('run_1:publish_1');
    expect(seen?.headers['webhook-id']).not.toBe('forged');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(receiver.attempts[0]?.verifiedWith).toEqual(['current']);
  });

  it('keeps a hook URL’s path (often its credential) out of the log, sent or refused', async () => {
    const path = '/api/webhooks/123456/tok-en_0f9e8d7c6b5a';
    const url = `${receiver.sink.origin}${path}`;
    receiver.logger.lines.length = 0;
    await receiver.publisher.publish(publishRequest('webhook', { url }));
    receiver.script = [{ status: 500 }];
    await expect(receiver.publisher.publish(publishRequest('webhook', { url }))).rejects.toThrow();
    const lines = receiver.logger.lines;
    expect(lines.map((l) => l.split(' {')[0])).toEqual([
      'info Published',
      'warn Publish attempt failed',
    ]);
    for (const line of lines) {
      expect(line).not.toContain('tok-en_0f9e8d7c6b5a');
      expect(line).toContain(`"target":"${receiver.sink.origin}/api/…"`);
    }
  });
});
