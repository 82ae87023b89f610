import { describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import { createSafeHttpClient } from '../http/safe-http.client.js';
import { createPublisher } from './publisher.js';
import { connectionStore, publishRequest, recordingLogger } from './testing/fixtures.js';
import { SECRET, useWebhookReceiver } from './testing/webhook-receiver.js';

// A test run's publish step: checked and rendered like a real attempt, and nothing sent.

const receiver = useWebhookReceiver();

describe('publisher.preview', () => {
  it('renders a webhook delivery with its connection, secrets masked, and sends nothing', async () => {
    const before = receiver.sink.requests.length;
    const preview = await receiver.publisher.preview!(
      publishRequest('webhook', { connectionId: 'keyed' }),
    );
    expect(receiver.sink.requests.length).toBe(before);
    expect(preview.target).toBe(`${receiver.sink.origin}/hooks/in`);
    expect(preview.request).toMatchObject({
      method: 'POST',
      url: `${receiver.sink.origin}/hooks/in`,
      headers: { 'idempotency-key': 'run_1:publish_1', 'content-type': 'application/json' },
    });
    expect(JSON.parse(preview.request.body as string)).toMatchObject({
      content: { text: 'Our spring collection is here.\n\nCome and see it.' },
    });
    const shown = JSON.stringify(preview);
    expect(shown).not.toContain('connection-header-api-key');
    expect(Object.keys(preview)).toEqual(['target', 'request']);
  });

  it('leaves out the signature, and sends nothing for a signed connection either', async () => {
    const before = receiver.sink.requests.length;
    const preview = await receiver.publisher.preview!(
      publishRequest('webhook', { connectionId: 'hook' }),
    );
    expect(receiver.sink.requests.length).toBe(before);
    expect(preview.request.headers).not.toHaveProperty('webhook-signature');
    expect(JSON.stringify(preview)).not.toContain(SECRET);
  });

  it('refuses what a real attempt refuses: a disabled connection, a wrong URL, bad settings', async () => {
    const refusal = (config: Record<string, unknown>) =>
      receiver.publisher.preview!(publishRequest('webhook', config)).catch((e: unknown) => e);
    expect(isAppError(await refusal({ connectionId: 'off' }), 'CONNECTION_DISABLED')).toBe(true);
    const elsewhere = await refusal({
      connectionId: 'keyed',
      url: `${receiver.sink.origin}/admin/users`,
    });
    expect(isAppError(elsewhere, 'CONFIG_INVALID')).toBe(true);
    expect(isAppError(await refusal({ method: 'POST' }), 'CONFIG_INVALID')).toBe(true);
  });

  it('checks the address policy without connecting', async () => {
    const { resolve } = connectionStore([]);
    const publisher = createPublisher({
      http: createSafeHttpClient({ timeoutMs: 1_000 }),
      resolveConnection: resolve,
      logger: recordingLogger(),
    });
    const error = await publisher.preview!(
      publishRequest('webhook', { url: 'http://127.0.0.1:9/hook' }),
    ).catch((e: unknown) => e);
    expect(isAppError(error, 'URL_FORBIDDEN')).toBe(true);
  });

  it('renders a library entry without keeping one', async () => {
    const preview = await receiver.publisher.preview!(
      publishRequest('library', { collection: 'Launches' }),
    );
    expect(preview).toEqual({
      target: 'Content library · Launches',
      request: expect.objectContaining({ title: 'Spring launch', collection: 'Launches' }),
    });
  });
});
