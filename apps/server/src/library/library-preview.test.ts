import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { savedEntry } from './library-fixtures.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

const NEWSLETTER =
  '<h1>November news</h1><p><img src="https://cdn.example.com/hero.png" alt="Hero" /></p>';

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
  await savedEntry(server.app.store, 1, {
    title: 'News & <views>',
    format: 'html',
    text: NEWSLETTER,
  });
  await savedEntry(server.app.store, 2, { title: 'Plain tips', text: 'Plant early.' });
});
afterAll(async () => {
  await server.close();
});

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string> {
  const parsed = (header ?? '').split(';').map((d) => d.trim().split(/\s+/));
  return new Map(parsed.map(([name, ...values]) => [name!, values.join(' ')]));
}

describe('library preview', () => {
  it('serves an HTML entry as a sandboxed page that loads no images by default', async () => {
    const res = await server.request('GET', '/api/library/pub_lib1/preview', {
      token: t.manager,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = directives(res.headers.get('content-security-policy'));
    expect(Object.fromEntries(csp)).toEqual({
      sandbox: '',
      'default-src': "'none'",
      'style-src': "'unsafe-inline'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'self'",
    });
    // Images fetched later carry no address of the app (helmet's policy, kept here).
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');

    const body = res.body as string;
    expect(body).toMatch(/^<!doctype html>/);
    expect(body).toContain('<title>News &amp; &lt;views&gt;</title>');
    expect(body).toContain('<style>');
    expect(body).toContain(`<body>\n${NEWSLETTER}\n</body>`);
  });

  it('lets https and data: images in when asked, and nothing else', async () => {
    const res = await server.request('GET', '/api/library/pub_lib1/preview?images=1', {
      token: t.designer,
    });
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('img-src')).toBe('https: data:');
    expect(csp.get('sandbox')).toBe('');
    expect(csp.get('default-src')).toBe("'none'");
    expect([...csp.keys()].filter((d) => /script|connect|frame-src|child|font/.test(d))).toEqual(
      [],
    );
    const hidden = await server.request('GET', '/api/library/pub_lib1/preview?images=0', {
      token: t.designer,
    });
    expect(directives(hidden.headers.get('content-security-policy')).has('img-src')).toBe(false);
  });

  it('opens with the session cookie, as the preview frame asks for it', async () => {
    const res = await server.request('GET', '/api/library/pub_lib1/preview', {
      headers: { cookie: `tandem_session=${t.manager}` },
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('November news');
  });

  it('keeps the app’s own policy everywhere else', async () => {
    const res = await server.request('GET', '/api/library/pub_lib1', { token: t.manager });
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('img-src')).toBe("'self' data:");
  });

  it('is for the library’s readers, and for HTML entries only', async () => {
    const path = '/api/library/pub_lib1/preview';
    const anonymous = await server.request('GET', path);
    expect(anonymous.status).toBe(401);
    const reviewer = await server.request('GET', path, { token: t.reviewer });
    expect(reviewer.status).toBe(403);
    expect(reviewer.body.error.message).toContain('see the content library');

    const missing = await server.request('GET', '/api/library/pub_missing/preview', {
      token: t.manager,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Library entry pub_missing was not found');
    const text = await server.request('GET', '/api/library/pub_lib2/preview', {
      token: t.manager,
    });
    expect(text.status).toBe(404);
    expect(text.body.error.message).toBe(
      'Library entry pub_lib2 is text, not HTML: it has no page to preview',
    );

    const bad = await server.request('GET', `${path}?images=yes`, { token: t.manager });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toEqual(['images']);
  });
});
