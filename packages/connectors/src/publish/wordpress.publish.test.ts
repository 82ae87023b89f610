import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import { createSafeHttpClient } from '../http/safe-http.client.js';
import { startWordPressStub, type WordPressStub } from './testing/wordpress-stub.js';
import { createPublisher } from './publisher.js';
import { testConnection } from './test-connection.js';
import { connectionStore, publishRequest, recordingLogger } from './testing/fixtures.js';

const APP_PASSWORD = 'abcd EFGH 1234 ijkl MNOP 5678';

let stub: WordPressStub;
let wp: WordPressStub['server'];
let posts: WordPressStub['posts'];
let terms: WordPressStub['terms'];

beforeAll(async () => {
  stub = await startWordPressStub('editor', APP_PASSWORD);
  wp = stub.server;
  posts = stub.posts;
  terms = stub.terms;
});
afterAll(() => wp.close());
beforeEach(() => stub.reset());

function setup() {
  const store = connectionStore([
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
    http: createSafeHttpClient({ allowPrivateNetwork: true, timeoutMs: 1_500 }),
    resolveConnection: store.resolve,
    logger,
    onConnectionGone: (id: string) => {
      gone.push(id);
    },
  };
  return { publisher: createPublisher(options), options, store, gone, logger };
}

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
    stub.hang = true;
    const first = await publisher
      .publish(publishRequest('wordpress', config, { content }))
      .catch((e) => e);
    expect(first).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(posts).toHaveLength(1);

    stub.hang = false;
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
