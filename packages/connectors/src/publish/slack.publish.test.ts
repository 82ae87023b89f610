import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAppError, mayHaveArrived } from '@tandem/schema';
import { createSafeHttpClient } from '../http/safe-http.client.js';
import {
  startLocalHttpServer,
  type LocalHttpServer,
  type RecordedRequest,
} from '../http/testing/local-http-server.js';
import { createPublisher } from './publisher.js';
import { testConnection } from './test-connection.js';
import { connectionStore, publishRequest, recordingLogger } from './testing/fixtures.js';

/*
 * A local stand-in for Slack's incoming webhooks: it checks the request shape Slack documents
 * and answers the way Slack does ("ok", or an error word with a status).
 */

const SLACK_PATH = '/services/T0001/B0001/s3cr3tTokenValue';

/** Slack: POST JSON, `text` string, `blocks` of known types within the documented limits. */
function slackShapeProblem(req: RecordedRequest): string | null {
  if (req.method !== 'POST') return 'invalid_method';
  if (!String(req.headers['content-type']).startsWith('application/json'))
    return 'invalid_content_type';
  let body: { text?: unknown; blocks?: unknown };
  try {
    body = JSON.parse(req.body);
  } catch {
    return 'invalid_payload';
  }
  if (typeof body.text !== 'string' || body.text === '') return 'no_text';
  if (!Array.isArray(body.blocks) || body.blocks.length > 50) return 'invalid_blocks';
  for (const block of body.blocks as { type: string; text?: { type: string; text: string } }[]) {
    if (!['header', 'section', 'context'].includes(block.type)) return 'invalid_blocks';
    if (
      block.type === 'header' &&
      (block.text?.type !== 'plain_text' || block.text.text.length > 150)
    )
      return 'invalid_blocks';
    if (
      block.type === 'section' &&
      (block.text?.type !== 'mrkdwn' || block.text.text.length > 3000)
    )
      return 'invalid_blocks';
  }
  return null;
}

let slack: LocalHttpServer;
let slackAnswer: { status: number; body: string; headers?: Record<string, string> } | null = null;

beforeAll(async () => {
  slack = await startLocalHttpServer((req, res) => {
    if (req.url !== SLACK_PATH) {
      res.writeHead(404).end('no_service');
      return;
    }
    const problem = slackShapeProblem(req);
    if (problem) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(problem);
      return;
    }
    const answer = slackAnswer ?? { status: 200, body: 'ok' };
    res
      .writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers })
      .end(answer.body);
  });
});
afterAll(() => slack.close());
beforeEach(() => {
  slackAnswer = null;
});

function setup() {
  const store = connectionStore([
    {
      id: 'slack',
      kind: 'slack',
      settings: {},
      secrets: { webhookUrl: `${slack.origin}${SLACK_PATH}` },
    },
  ]);
  const gone: string[] = [];
  const logger = recordingLogger();
  const options = {
    http: createSafeHttpClient({ allowPrivateNetwork: true, timeoutMs: 3_000 }),
    resolveConnection: store.resolve,
    logger,
    onConnectionGone: (id: string) => {
      gone.push(id);
    },
  };
  return { publisher: createPublisher(options), options, store, gone, logger };
}

describe('Slack incoming webhook', () => {
  it('posts text plus header, section and context blocks', async () => {
    const { publisher, logger } = setup();
    const result = await publisher.publish(
      publishRequest(
        'slack',
        { connectionId: 'slack' },
        {
          content: { title: 'Launch <today>', text: '<p>Big <b>news</b> & more</p>' },
        },
      ),
    );
    expect(result.status).toBe(200);
    expect(result.responseExcerpt).toBe('ok');
    const body = JSON.parse(slack.requests.at(-1)?.body ?? '');
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual([
      'header',
      'section',
      'context',
    ]);
    expect(body.blocks[1].text.text).toBe('Big news &amp; more');
    expect(body.text).toContain('Launch &lt;today&gt;');
    // The hook URL is the credential: shown masked, never logged.
    expect(result.target).toBe(`${slack.origin}/••••••••`);
    expect(JSON.stringify(result)).not.toContain('s3cr3tTokenValue');
    expect(logger.lines.join('\n')).not.toContain('s3cr3tTokenValue');
  });

  it('splits long text into sections Slack accepts', async () => {
    const { publisher } = setup();
    const text = Array.from({ length: 400 }, (_, i) => `Line ${i} of a long report.`).join('\n');
    await publisher.publish(
      publishRequest(
        'slack',
        { connectionId: 'slack' },
        { content: { text: 'short', body: text } },
      ),
    );
    const body = JSON.parse(slack.requests.at(-1)?.body ?? '');
    expect(
      body.blocks.filter((b: { type: string }) => b.type === 'section').length,
    ).toBeGreaterThan(2);
  });

  it('classifies Slack errors: 400 permanent, 410 disables, 429 and 500 retry', async () => {
    const { publisher, gone } = setup();
    slackAnswer = { status: 400, body: 'invalid_payload' };
    const bad = await publisher
      .publish(publishRequest('slack', { connectionId: 'slack' }))
      .catch((e) => e);
    expect(bad).toMatchObject({ code: 'PUBLISH_FAILED', retryable: false });
    expect(bad.details.responseExcerpt).toBe('invalid_payload');
    expect(JSON.stringify(bad.details)).not.toContain('s3cr3tTokenValue');

    slackAnswer = { status: 410, body: 'channel_is_archived' };
    const archived = await publisher
      .publish(publishRequest('slack', { connectionId: 'slack' }))
      .catch((e) => e);
    expect(isAppError(archived, 'CONNECTION_DISABLED')).toBe(true);
    expect(gone).toEqual(['slack']);

    slackAnswer = { status: 429, body: 'rate_limited', headers: { 'retry-after': '30' } };
    const limited = await publisher
      .publish(publishRequest('slack', { connectionId: 'slack' }))
      .catch((e) => e);
    expect(limited).toMatchObject({ retryable: true, retryAfterMs: 30_000 });

    slackAnswer = { status: 500, body: 'rollup_error' };
    const down = await publisher
      .publish(publishRequest('slack', { connectionId: 'slack' }))
      .catch((e) => e);
    expect(down.retryable).toBe(true);
  });

  it('never posts a message twice: a failure after sending is left to a person, one before it retries', async () => {
    // Reads the message, then never answers: Slack may or may not have posted it.
    const silent = await startLocalHttpServer(() => undefined);
    const closed = await startLocalHttpServer(() => undefined);
    await closed.close();
    const store = connectionStore([
      {
        id: 'silent',
        kind: 'slack',
        settings: {},
        secrets: { webhookUrl: `${silent.origin}${SLACK_PATH}` },
      },
      {
        id: 'closed',
        kind: 'slack',
        settings: {},
        secrets: { webhookUrl: `${closed.origin}${SLACK_PATH}` },
      },
    ]);
    const publisher = createPublisher({
      http: createSafeHttpClient({ allowPrivateNetwork: true, timeoutMs: 300 }),
      resolveConnection: store.resolve,
      logger: recordingLogger(),
    });
    try {
      const unanswered = await publisher
        .publish(publishRequest('slack', { connectionId: 'silent' }))
        .catch((e) => e);
      expect(unanswered).toMatchObject({ code: 'PUBLISH_FAILED', retryable: false });
      expect(unanswered.message).toMatch(/^Slack may have posted this message/);
      expect(unanswered.message).toContain('check the channel');
      expect(unanswered.details.reason).toBe('maybe_delivered');
      // The dead letter this becomes is marked for the people who may replay it.
      expect(mayHaveArrived({ status: 'dead', error: unanswered.message })).toBe(true);
      expect(silent.requests).toHaveLength(1);

      const unreachable = await publisher
        .publish(publishRequest('slack', { connectionId: 'closed' }))
        .catch((e) => e);
      expect(unreachable).toMatchObject({ code: 'PUBLISH_FAILED', retryable: true });
    } finally {
      await silent.close();
    }
  });

  it('sends each message on a new connection, so a stale kept one cannot leave it in doubt', async () => {
    const { publisher } = setup();
    await publisher.publish(publishRequest('slack', { connectionId: 'slack' }));
    expect(slack.requests.at(-1)?.headers.connection).toBe('close');
  });

  it('test connection delivers a marked test message', async () => {
    const { options, store } = setup();
    const connection = await store.resolve('slack');
    const outcome = await testConnection(connection, options);
    expect(outcome).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(slack.requests.at(-1)?.body ?? '').text).toContain('Tandem connection test');
  });
});
