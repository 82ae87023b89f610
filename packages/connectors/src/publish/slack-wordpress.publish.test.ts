import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import { createSafeHttpClient } from '../http/safe-http.client.js';
import {
  sendJson,
  startLocalHttpServer,
  type LocalHttpServer,
  type RecordedRequest,
} from '../http/testing/local-http-server.js';
import { createPublisher } from './publisher.js';
import { testConnection } from './test-connection.js';
import { connectionStore, publishRequest, recordingLogger } from './testing/fixtures.js';

/*
 * Local stand-ins for Slack's incoming webhooks and the WordPress REST API. Each checks the
 * request shape the service documents and answers the way the service does.
 */

const APP_PASSWORD = 'abcd EFGH 1234 ijkl MNOP 5678';
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
let wp: LocalHttpServer;
let wpHang = false;
const posts: { id: number; slug: string; status: string; title: string }[] = [];
const terms: Record<'categories' | 'tags', { id: number; name: string }[]> = {
  categories: [],
  tags: [],
};

function wpAuthorized(req: RecordedRequest): boolean {
  const expected = `Basic ${Buffer.from(`editor:${APP_PASSWORD}`).toString('base64')}`;
  return req.headers.authorization === expected;
}

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
  wp = await startLocalHttpServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!wpAuthorized(req)) {
      sendJson(res, 401, {
        code: 'rest_not_logged_in',
        message: 'You are not currently logged in.',
      });
      return;
    }
    if (url.pathname === '/blog/wp-json/wp/v2/users/me' && req.method === 'GET') {
      sendJson(res, 200, {
        id: 3,
        name: 'Eddie Editor',
        capabilities: { edit_posts: true, publish_posts: true },
      });
      return;
    }
    const taxonomy = /^\/blog\/wp-json\/wp\/v2\/(categories|tags)$/.exec(url.pathname)?.[1];
    if (taxonomy) {
      const list = terms[taxonomy as 'categories' | 'tags'];
      if (req.method === 'GET') {
        const q = (url.searchParams.get('search') ?? '').toLowerCase();
        sendJson(
          res,
          200,
          list.filter((t) => t.name.toLowerCase().includes(q)),
        );
        return;
      }
      const { name } = JSON.parse(req.body) as { name: string };
      if (taxonomy === 'categories' && name === 'Forbidden') {
        sendJson(res, 403, {
          code: 'rest_cannot_create',
          message: 'Sorry, you are not allowed to create terms.',
        });
        return;
      }
      const term = { id: 500 + list.length, name };
      list.push(term);
      sendJson(res, 201, term);
      return;
    }
    if (url.pathname !== '/blog/wp-json/wp/v2/posts') {
      sendJson(res, 404, { code: 'rest_no_route' });
      return;
    }
    if (req.method === 'GET') {
      const statuses = (url.searchParams.get('status') ?? 'publish').split(',');
      sendJson(
        res,
        200,
        posts.filter((p) => p.slug === url.searchParams.get('slug') && statuses.includes(p.status)),
      );
      return;
    }
    const body = JSON.parse(req.body) as Record<string, unknown>;
    const valid =
      req.headers['content-type'] === 'application/json' &&
      typeof body.title === 'string' &&
      typeof body.content === 'string' &&
      ['draft', 'publish'].includes(String(body.status)) &&
      (body.categories === undefined ||
        (Array.isArray(body.categories) && body.categories.every(Number.isInteger))) &&
      (body.tags === undefined || (Array.isArray(body.tags) && body.tags.every(Number.isInteger)));
    if (!valid) {
      sendJson(res, 400, { code: 'rest_invalid_param', message: 'Invalid parameter(s)' });
      return;
    }
    const post = {
      id: 100 + posts.length,
      slug: String(body.slug),
      status: String(body.status),
      title: String(body.title),
    };
    posts.push(post);
    if (wpHang) return; // created, but the answer never comes back
    sendJson(res, 201, {
      ...post,
      link: `https://blog.example.com/?p=${post.id}`,
      content: { raw: body.content },
    });
  });
});
afterAll(async () => {
  await slack.close();
  await wp.close();
});
beforeEach(() => {
  slackAnswer = null;
  wpHang = false;
  posts.length = 0;
  terms.categories = [
    { id: 3, name: 'News' },
    { id: 4, name: 'Newsletter' },
  ];
  terms.tags = [{ id: 12, name: 'spring' }];
});

function setup() {
  const store = connectionStore([
    {
      id: 'slack',
      kind: 'slack',
      settings: {},
      secrets: { webhookUrl: `${slack.origin}${SLACK_PATH}` },
    },
    {
      id: 'wp',
      kind: 'wordpress',
      settings: { siteUrl: `${wp.origin}/blog/`, username: 'editor' },
      secrets: { applicationPassword: APP_PASSWORD },
    },
    {
      id: 'wp-bad',
      kind: 'wordpress',
      settings: { siteUrl: `${wp.origin}/blog`, username: 'editor' },
      secrets: { applicationPassword: 'wrong password here' },
    },
  ]);
  const gone: string[] = [];
  const logger = recordingLogger();
  const options = {
    http: createSafeHttpClient({ allowPrivateNetwork: true, timeoutMs: 400 }),
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

  it('test connection delivers a marked test message', async () => {
    const { options, store } = setup();
    const connection = await store.resolve('slack');
    const outcome = await testConnection(connection, options);
    expect(outcome).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(slack.requests.at(-1)?.body ?? '').text).toContain('Tandem connection test');
  });
});

describe('WordPress REST API', () => {
  // What publish.wordpress sends: its rendered title as content.title, its excerpt as content.body.
  const config = {
    connectionId: 'wp',
    status: 'publish',
    categories: ['news', 7],
    tags: ['Spring', 'Launch'],
  };
  const content = {
    title: 'Spring launch',
    text: '<p>Hello</p><script>alert(1)</script><img src=x onerror=alert(1)>',
    body: 'In short: Spring launch',
  };

  it('creates a post with application-password auth and the documented fields', async () => {
    const { publisher } = setup();
    const result = await publisher.publish(publishRequest('wordpress', config, { content }));
    expect(result).toMatchObject({ status: 201, externalId: '100' });
    const sent = JSON.parse(wp.requests.at(-1)?.body ?? '');
    expect(sent).toMatchObject({
      title: 'Spring launch',
      status: 'publish',
      // "news" matched exactly (not "Newsletter"); 7 kept; "Launch" created as a new tag.
      categories: [3, 7],
      tags: [12, 501],
      excerpt: 'In short: Spring launch',
    });
    expect(terms.tags.at(-1)).toEqual({ id: 501, name: 'Launch' });
    expect(sent.slug).toMatch(/^spring-launch-[0-9a-f]{8}$/);
    expect(sent.content).toContain('<p>Hello</p>');
    expect(sent.content).not.toMatch(/script|onerror/);
    expect(wp.requests.at(-1)?.url).toBe('/blog/wp-json/wp/v2/posts');
    expect(JSON.stringify(result)).not.toContain(APP_PASSWORD);
  });

  it('defaults to a draft and turns plain text into paragraphs', async () => {
    const { publisher } = setup();
    await publisher.publish(publishRequest('wordpress', { connectionId: 'wp' }));
    const sent = JSON.parse(wp.requests.at(-1)?.body ?? '');
    expect(sent.status).toBe('draft');
    expect(sent.content).toBe('<p>Our spring collection is here.</p>\n<p>Come and see it.</p>');
    expect(sent.categories).toBeUndefined();
    expect(sent.excerpt).toBeUndefined();
  });

  it('a retry after a lost answer finds the post the first attempt created: no duplicate', async () => {
    const { publisher } = setup();
    wpHang = true;
    const first = await publisher
      .publish(publishRequest('wordpress', config, { content }))
      .catch((e) => e);
    expect(first).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(posts).toHaveLength(1);

    wpHang = false;
    const second = await publisher.publish(
      publishRequest('wordpress', config, { content, attempt: 2 }),
    );
    expect(second.externalId).toBe('100');
    expect(posts).toHaveLength(1);
    expect(wp.requests.at(-1)?.method).toBe('GET');
  });

  it('a retry that finds nothing creates the post', async () => {
    const { publisher } = setup();
    const result = await publisher.publish(
      publishRequest('wordpress', config, { content, attempt: 3 }),
    );
    expect(result.status).toBe(201);
    expect(posts).toHaveLength(1);
  });

  it('a category the user may not create fails permanently, naming it', async () => {
    const { publisher } = setup();
    const error = await publisher
      .publish(publishRequest('wordpress', { ...config, categories: ['Forbidden'] }, { content }))
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'PUBLISH_FAILED', retryable: false });
    expect(error.message).toContain('"Forbidden"');
    expect(posts).toHaveLength(0);
  });

  it('wrong credentials fail permanently; test connection says so without leaking the password', async () => {
    const { publisher, options, store } = setup();
    const error = await publisher
      .publish(publishRequest('wordpress', { connectionId: 'wp-bad' }, { content }))
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'PUBLISH_FAILED', retryable: false });
    expect(error.details.status).toBe(401);

    const bad = await testConnection(await store.resolve('wp-bad'), options);
    expect(bad).toMatchObject({ ok: false, status: 401 });
    expect(bad.message).not.toContain('wrong password');
    const good = await testConnection(await store.resolve('wp'), options);
    expect(good).toMatchObject({ ok: true, status: 200 });
    expect(good.message).toContain('Eddie Editor');
  });

  it('a post needs a title', async () => {
    const { publisher } = setup();
    const error = await publisher
      .publish(
        publishRequest(
          'wordpress',
          { connectionId: 'wp' },
          { content: { text: 'untitled', title: '  ' } },
        ),
      )
      .catch((e) => e);
    expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
    expect(error.details.issues[0].path).toEqual(['titleTemplate']);
    expect(posts).toHaveLength(0);
  });
});
