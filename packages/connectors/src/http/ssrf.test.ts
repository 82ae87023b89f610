import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import { isPublicAddress } from './address-policy.js';
import { checkOutboundUrl, checkOutboundUrlResolved, type Resolver } from './outbound-url.js';
import { createSafeHttpClient } from './safe-http.client.js';
import { startLocalHttpServer, type LocalHttpServer } from './testing/local-http-server.js';

/*
 * The SSRF corpus: every URL must be refused at save time (static check, and the DNS check
 * with an injected resolver) and at send time, with allowPrivateNetwork off. Names are answered
 * by a fake resolver, so no test ever asks real DNS or connects anywhere but 127.0.0.1.
 */

const FAKE_DNS: Record<string, string[]> = {
  'metadata.google.internal': ['169.254.169.254'],
  'internal.example.test': ['10.1.2.3'],
  'corp.example.test': ['172.20.0.5'],
  'router.example.test': ['192.168.1.1'],
  'cgnat.example.test': ['100.64.12.1'],
  'rebind.example.test': ['93.184.216.34', '127.0.0.1'],
  'v6loop.example.test': ['::1'],
  'mapped.example.test': ['::ffff:10.0.0.1'],
  'ula.example.test': ['fd00::5'],
  'linklocal6.example.test': ['fe80::1'],
  'nat64.example.test': ['64:ff9b::a9fe:a9fe'],
  'public.example.test': ['127.0.0.1'],
};

const fakeResolver: Resolver = async (hostname) => {
  const found = FAKE_DNS[hostname.toLowerCase()];
  if (!found) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

/** Refused without DNS: scheme, user-info, IP literals in every encoding, local names. */
const STATIC_CORPUS = [
  'http://localhost/',
  'http://localhost./admin',
  'http://api.localhost/',
  'http://127.0.0.1/',
  'http://127.1/',
  'http://127.0.1/',
  'http://0x7f000001/',
  'http://0x7f.0.0.1/',
  'http://2130706433/',
  'http://017700000001/',
  'http://0177.0.0.1/',
  'http://127.255.255.254:8080/',
  'https://[::1]/',
  'http://[::]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[0:0:0:0:0:ffff:7f00:1]/',
  'http://[::127.0.0.1]/',
  'http://[64:ff9b::7f00:1]/',
  'http://[64:ff9b::a00:1]/',
  'http://[2002:a00:1::]/',
  'http://[::ffff:169.254.169.254]/',
  'http://[::ffff:a9fe:a9fe]/',
  'http://169.254.169.254/latest/meta-data/',
  'http://169.254.0.1/',
  'http://10.0.0.1/',
  'http://10.255.255.255/',
  'http://172.16.0.1/',
  'http://172.31.255.254/',
  'http://192.168.0.1/',
  'http://192.168.1.1:8080/admin',
  'http://100.64.0.1/',
  'http://100.127.255.254/',
  'http://0.0.0.0/',
  'http://0/',
  'http://224.0.0.1/',
  'http://255.255.255.255/',
  'http://240.0.0.1/',
  'http://192.0.2.10/',
  'http://[fc00::1]/',
  'http://[fd12:3456::1]/',
  'http://[fe80::1]/',
  'http://[ff02::1]/',
  'file:///etc/passwd',
  'gopher://127.0.0.1:25/_HELO',
  'ftp://example.com/',
  'data:text/plain,hello',
  'javascript:alert(1)',
  'dict://127.0.0.1:11211/',
  'http://example.com@127.0.0.1/',
  'http://user:pass@example.com/',
  'http://:@example.com/',
  'http://127.0.0.1#@example.com/',
  'http://127.0.0.1\\@example.com/',
  'http://127.0.0.1%2f@example.com/',
  'not a url',
];

/** Refused only once the name is resolved. */
const DNS_CORPUS = [
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://internal.example.test/',
  'https://corp.example.test/hook',
  'http://router.example.test/',
  'http://cgnat.example.test/',
  'http://rebind.example.test/',
  'http://v6loop.example.test/',
  'http://mapped.example.test/',
  'http://ula.example.test/',
  'http://linklocal6.example.test/',
  'http://nat64.example.test/',
  'http://no-such-host.lumen-corp.com/',
  'http://cms.lumen-analytics.example/hooks',
];

describe('address policy', () => {
  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'accepts public %s',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );

  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.16.0.1',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.251',
    '::1',
    '::',
    'fc00::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    // Local-use NAT64 (RFC 8215) is never global, and a /48 translator puts the IPv4 address
    // in bits 48-87: the last 32 bits (8.8.8.8 here) say nothing about where this leads.
    '64:ff9b:1:a00:1:0:808:808',
    '64:ff9b:1::808:808',
    '2002:c0a8:1::',
    '2001::1',
    '2001:db8::1',
    'nonsense',
  ])('refuses %s', (address) => expect(isPublicAddress(address)).toBe(false));
});

describe('SSRF corpus', () => {
  const corpus = [...STATIC_CORPUS, ...DNS_CORPUS];
  const client = createSafeHttpClient({ resolve: fakeResolver, timeoutMs: 2_000 });

  it('has at least 40 entries', () => expect(corpus.length).toBeGreaterThanOrEqual(40));

  it.each(STATIC_CORPUS)('static check refuses %s', (url) => {
    expect(() => checkOutboundUrl(url)).toThrowError(
      expect.objectContaining({ code: 'URL_FORBIDDEN' }),
    );
  });

  it.each(corpus)('save-time check with DNS refuses %s', async (url) => {
    await expect(checkOutboundUrlResolved(url, { resolve: fakeResolver })).rejects.toSatisfy(
      (error) => isAppError(error, 'URL_FORBIDDEN'),
    );
  });

  it.each(corpus)('send refuses %s', async (url) => {
    const error = await client.request({ method: 'POST', url, body: '{}' }).catch((e) => e);
    expect(isAppError(error)).toBe(true);
    // An unresolvable name is a (retryable) delivery failure; everything else is forbidden.
    const expected = url.includes('no-such-host') ? 'PUBLISH_FAILED' : 'URL_FORBIDDEN';
    expect(error.code).toBe(expected);
    expect(error.retryable).toBe(url.includes('no-such-host'));
  });

  it('says an example address (.example, .invalid, .test) is a placeholder to replace, not retried', async () => {
    for (const url of [
      'https://cms.lumen-analytics.example/hooks/tandem',
      'http://a.b.invalid/',
      'http://x.test./',
    ]) {
      const error = await client.request({ method: 'POST', url, body: '{}' }).catch((e) => e);
      expect([error.code, error.retryable, error.origin]).toEqual(['URL_FORBIDDEN', false, 'user']);
      expect(error.message).toMatch(
        /is an example address \(\.(example|invalid|test) never exists\): put the real address/,
      );
    }
  });

  it('allowPrivateNetwork lifts the address check but never the scheme or user-info checks', () => {
    expect(checkOutboundUrl('http://127.0.0.1:3000/', { allowPrivateNetwork: true }).host).toBe(
      '127.0.0.1:3000',
    );
    for (const url of ['file:///etc/passwd', 'http://a:b@127.0.0.1/', 'gopher://127.0.0.1/']) {
      expect(() => checkOutboundUrl(url, { allowPrivateNetwork: true })).toThrowError(
        expect.objectContaining({ code: 'URL_FORBIDDEN' }),
      );
    }
  });
});

describe('redirects are re-checked hop by hop', () => {
  let sink: LocalHttpServer;
  // Only the fake public name may reach the loopback test server; a direct loopback URL may not.
  const client = createSafeHttpClient({
    resolve: fakeResolver,
    isAllowedAddress: (address, hostname) =>
      (hostname === 'public.example.test' && address === '127.0.0.1') || isPublicAddress(address),
    timeoutMs: 2_000,
  });

  beforeAll(async () => {
    sink = await startLocalHttpServer((req, res) => {
      const target = new URL(req.url, 'http://x').searchParams.get('to');
      if (target) {
        res.writeHead(302, { location: target.replace('PORT', String(sink.port)) });
        res.end();
        return;
      }
      res.end('final');
    });
  });
  afterAll(() => sink.close());

  it('follows a redirect that stays on allowed addresses', async () => {
    const to = encodeURIComponent('http://public.example.test:PORT/final');
    const res = await client.request({
      method: 'GET',
      url: `http://public.example.test:${sink.port}/start?to=${to}`,
    });
    expect(res.status).toBe(200);
    expect(res.text()).toBe('final');
    expect(res.redirects).toBe(1);
  });

  it.each([
    'http://10.0.0.1/',
    'http://127.0.0.1:PORT/final',
    'http://[::ffff:127.0.0.1]:PORT/final',
    'http://169.254.169.254/latest/meta-data/',
    'http://metadata.google.internal/',
    'http://2130706433:PORT/',
    'file:///etc/passwd',
    'http://user:pw@public.example.test:PORT/final',
  ])('refuses a public name that redirects to %s', async (target) => {
    const before = sink.requests.length;
    const error = await client
      .request({
        method: 'GET',
        url: `http://public.example.test:${sink.port}/start?to=${encodeURIComponent(target)}`,
      })
      .catch((e) => e);
    expect(isAppError(error, 'URL_FORBIDDEN')).toBe(true);
    // Only the first hop reached the server.
    expect(sink.requests.length - before).toBe(1);
  });
});

describe('refusals never echo a URL path', () => {
  it('keeps only scheme and host in the error details', () => {
    try {
      checkOutboundUrl('http://10.0.0.1/services/T0/B0/secret-token');
      expect.unreachable();
    } catch (error) {
      expect(JSON.stringify((error as { details: unknown }).details)).not.toContain('secret-token');
    }
  });
});
