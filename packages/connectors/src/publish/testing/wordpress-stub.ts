import {
  sendJson,
  startLocalHttpServer,
  type LocalHttpServer,
  type RecordedRequest,
} from '../../http/testing/local-http-server.js';

/*
 * A stand-in for the WordPress REST API under /blog: application-password Basic auth,
 * users/me, categories and tags (search, create), posts (create, look up by slug and status).
 * It checks the request shapes WordPress documents and answers the way WordPress does.
 */

export interface WordPressStub {
  server: LocalHttpServer;
  posts: { id: number; slug: string; status: string; title: string }[];
  terms: Record<'categories' | 'tags', { id: number; name: string }[]>;
  /** When set, a created post's answer never comes back (a lost response). */
  hang: boolean;
  reset(): void;
}

export async function startWordPressStub(
  user: string,
  appPassword: string,
): Promise<WordPressStub> {
  const expected = `Basic ${Buffer.from(`${user}:${appPassword}`).toString('base64')}`;
  const authorized = (req: RecordedRequest): boolean => req.headers.authorization === expected;
  const stub: Omit<WordPressStub, 'server'> = {
    posts: [],
    terms: { categories: [], tags: [] },
    hang: false,
    reset() {
      stub.hang = false;
      stub.posts.length = 0;
      stub.terms.categories = [
        { id: 3, name: 'News' },
        { id: 4, name: 'Newsletter' },
      ];
      stub.terms.tags = [{ id: 12, name: 'spring' }];
    },
  };
  const { posts } = stub;
  const server = await startLocalHttpServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!authorized(req)) {
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
      const list = stub.terms[taxonomy as 'categories' | 'tags'];
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
    if (stub.hang) return; // created, but the answer never comes back
    sendJson(res, 201, {
      ...post,
      link: `https://blog.example.com/?p=${post.id}`,
      content: { raw: body.content },
    });
  });
  stub.reset();
  return Object.assign(stub, { server });
}
