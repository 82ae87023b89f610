import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import { createSafeHttpClient } from '../http/safe-http.client.js';
import { createPublisher } from './publisher.js';
import { testConnection } from './test-connection.js';
import { connectionStore, publishRequest, recordingLogger } from './testing/fixtures.js';

/*
 * A real SMTP server (smtp-server) on 127.0.0.1 with login; every message it accepts is parsed
 * with mailparser, so the tests read what a mailbox would receive.
 */

const PASSWORD = 'smtp-Pa55word-for-tests';
/** A wrong password the test server quotes back in its refusal. */
const ECHOED_PASSWORD = 'echoed-wrong-password-42';
let server: SMTPServer;
let port = 0;
const received: ParsedMail[] = [];
const envelopes: { from: string; to: string[] }[] = [];
let rcptError: { code: number; message: string } | null = null;
/** Logins the server was offered, in clear: this server has no STARTTLS. */
let logins = 0;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      logins += 1;
      if (auth.username === 'mailer' && auth.password === PASSWORD)
        return callback(null, { user: 'mailer' });
      // Some servers quote what they were given; the tests must see it scrubbed.
      const quoted = auth.password === ECHOED_PASSWORD ? ` (got ${auth.password})` : '';
      return callback(
        Object.assign(new Error(`Invalid username or password${quoted}`), { responseCode: 535 }),
      );
    },
    onRcptTo(_address, _session, callback) {
      if (rcptError)
        return callback(
          Object.assign(new Error(rcptError.message), { responseCode: rcptError.code }),
        );
      return callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          envelopes.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
});
afterAll(() => new Promise<void>((resolve) => server.close(resolve)));
beforeEach(() => {
  received.length = 0;
  envelopes.length = 0;
  rcptError = null;
  logins = 0;
});

function setup(password = PASSWORD, host = '127.0.0.1', allowPlainAuth = true) {
  const settings = {
    host,
    port,
    secure: false,
    // This test server offers no encryption; without the opt-in no password is sent to it.
    allowPlainAuth,
    from: 'news@example.com',
    fromName: 'Example News',
    username: 'mailer',
  };
  const store = connectionStore([{ id: 'smtp', kind: 'smtp', settings, secrets: { password } }]);
  const logger = recordingLogger();
  const options = {
    http: createSafeHttpClient({ allowPrivateNetwork: true }),
    resolveConnection: store.resolve,
    logger,
    smtpTimeoutMs: 2_000,
  };
  return { publisher: createPublisher(options), options, store, logger };
}

const baseConfig = {
  connectionId: 'smtp',
  to: ['ana@example.org', 'ben@example.org'],
  cc: 'cy@example.org',
  subject: 'New: {{ content.title }}',
};
// publish.email renders its subject template and hands it over as content.title.

describe('email over SMTP', () => {
  it('delivers sanitized HTML and a text part to every recipient', async () => {
    const { publisher, logger } = setup();
    const html =
      '<h2>Spring</h2><p>Hello <b>friends</b> <a href="https://example.com/x">shop</a></p>' +
      '<script>alert("xss")</script><img src="https://example.com/a.png" onerror="alert(1)">' +
      '<a href="javascript:alert(2)">bad</a>';
    const result = await publisher.publish(
      publishRequest('email', baseConfig, { content: { title: 'New: Spring launch', text: html } }),
    );

    expect(received).toHaveLength(1);
    const mail = received[0] as ParsedMail;
    expect(mail.subject).toBe('New: Spring launch');
    expect(mail.from?.value[0]).toMatchObject({
      address: 'news@example.com',
      name: 'Example News',
    });
    expect(envelopes[0]?.to).toEqual(['ana@example.org', 'ben@example.org', 'cy@example.org']);
    expect(mail.html).toContain('<b>friends</b>');
    expect(mail.html).toContain('href="https://example.com/x"');
    expect(mail.html).not.toMatch(/script|onerror|javascript:|alert/);
    expect(mail.text).toContain('Hello friends shop');
    expect(mail.text).not.toContain('<');
    expect(mail.messageId).toMatch(/^<msg_[A-Za-z0-9_-]+@example\.com>$/);
    expect(mail.headers.get('x-tandem-publication')).toBe('run_1:publish_1');

    expect(result.status).toBe(250);
    expect(result.externalId).toBe(mail.messageId);
    expect(result.target).toContain('ana@example.org');
    expect(logger.lines.join('\n')).not.toContain(PASSWORD);
  });

  it('sends the node-rendered body, and a text part only when the format is text', async () => {
    const { publisher } = setup();
    const content = {
      text: 'approved',
      title: 'Hi',
      body: '<p>Dear reader,</p><p>news &amp; more</p>',
    };
    await publisher.publish(publishRequest('email', baseConfig, { content }));
    expect(received[0]?.html).toBe('<p>Dear reader,</p><p>news &amp; more</p>');
    await publisher.publish(
      publishRequest('email', { ...baseConfig, format: 'text' }, { content }),
    );
    expect(received[1]?.html).toBe(false);
    expect(received[1]?.text?.trim()).toBe('Dear reader,\n\nnews & more');
  });

  it('keeps the same Message-ID on a resend of the same publication', async () => {
    const { publisher } = setup();
    await publisher.publish(publishRequest('email', baseConfig));
    await publisher.publish(publishRequest('email', baseConfig, { attempt: 2 }));
    expect(received).toHaveLength(2);
    expect(received[0]?.messageId).toBe(received[1]?.messageId);
    expect(received[0]?.html).toContain('<p>Our spring collection is here.</p>');
    expect(received[0]?.text).toBe('Our spring collection is here.\n\nCome and see it.');
  });

  it('validates recipients before connecting', async () => {
    const { publisher } = setup();
    for (const to of [
      [],
      ['not-an-address'],
      ['ok@example.org', 'bad@'],
      'a@example.org\r\nBcc: x@evil.test',
    ]) {
      const error = await publisher
        .publish(publishRequest('email', { ...baseConfig, to }))
        .catch((e) => e);
      expect(isAppError(error, 'CONFIG_INVALID'), JSON.stringify(to)).toBe(true);
      expect(error.details.issues[0].path[0]).toBe('to');
    }
    expect(received).toHaveLength(0);
  });

  it('SMTP 4xx is transient, 5xx is permanent', async () => {
    const { publisher } = setup();
    rcptError = { code: 451, message: 'Try again later' };
    const transient = await publisher.publish(publishRequest('email', baseConfig)).catch((e) => e);
    expect(transient).toMatchObject({ code: 'PUBLISH_FAILED', retryable: true });
    expect(transient.details.status).toBe(451);

    rcptError = { code: 550, message: 'No such user' };
    const permanent = await publisher.publish(publishRequest('email', baseConfig)).catch((e) => e);
    expect(permanent).toMatchObject({ code: 'PUBLISH_FAILED', retryable: false });
    expect(permanent.details.status).toBe(550);
    expect(received).toHaveLength(0);
  });

  it('a wrong password fails permanently and never shows the password', async () => {
    const { publisher } = setup('wrong-password-123');
    const error = await publisher.publish(publishRequest('email', baseConfig)).catch((e) => e);
    expect(error.retryable).toBe(false);
    expect(JSON.stringify({ m: error.message, d: error.details })).not.toContain(
      'wrong-password-123',
    );
  });

  it('scrubs a password the server quotes back, from the excerpt as well as the message', async () => {
    const { publisher, options, store } = setup(ECHOED_PASSWORD);
    const error = await publisher.publish(publishRequest('email', baseConfig)).catch((e) => e);
    expect(error.details.responseExcerpt).toMatch(/^535 /);
    expect(JSON.stringify({ m: error.message, d: error.details })).not.toContain(ECHOED_PASSWORD);
    const tested = await testConnection(await store.resolve('smtp'), options);
    expect(tested.ok).toBe(false);
    expect(JSON.stringify(tested)).not.toContain(ECHOED_PASSWORD);
  });

  it('an unreachable server is transient', async () => {
    const { publisher, store } = setup();
    const row = store.rows.get('smtp');
    if (row) row.settings = { ...row.settings, port: 1 };
    const error = await publisher.publish(publishRequest('email', baseConfig)).catch((e) => e);
    expect(error).toMatchObject({ code: 'PUBLISH_FAILED', retryable: true });
  });

  it('refuses a private SMTP host unless private networks are allowed', async () => {
    const { store } = setup();
    const strict = createPublisher({
      http: createSafeHttpClient(),
      resolveConnection: store.resolve,
      logger: recordingLogger(),
    });
    const error = await strict.publish(publishRequest('email', baseConfig)).catch((e) => e);
    expect(isAppError(error, 'URL_FORBIDDEN')).toBe(true);
    expect(received).toHaveLength(0);
  });

  it('connects to the address the policy checked, for a named SMTP host too', async () => {
    const { store } = setup(PASSWORD, 'mail.example.test');
    const lookups: string[] = [];
    const http = createSafeHttpClient({
      resolve: async (name) => {
        lookups.push(name);
        return [{ address: '127.0.0.1', family: 4 }];
      },
      isAllowedAddress: (address, hostname) =>
        hostname === 'mail.example.test' && address === '127.0.0.1',
    });
    const publisher = createPublisher({
      http,
      resolveConnection: store.resolve,
      logger: recordingLogger(),
    });
    await publisher.publish(publishRequest('email', baseConfig));
    expect(lookups).toEqual(['mail.example.test']);
    expect(received).toHaveLength(1);
  });

  it('never sends a password to a server that offers no encryption, unless allowed', async () => {
    const { publisher, options, store } = setup(PASSWORD, '127.0.0.1', false);
    const error = await publisher.publish(publishRequest('email', baseConfig)).catch((e) => e);
    expect(error).toMatchObject({ code: 'PUBLISH_FAILED', origin: 'user', retryable: false });
    expect(error.message).toMatch(/offers no encryption/);
    const outcome = await testConnection(await store.resolve('smtp'), options);
    expect(outcome).toMatchObject({ ok: false });
    expect(outcome.message).toMatch(/offers no encryption/);
    expect(logins).toBe(0);
    expect(received).toHaveLength(0);
  });

  it('uses TLS from the first byte on port 465, and requires STARTTLS where a password is sent', async () => {
    const settings = (port: number, username?: string) => ({
      host: '127.0.0.1',
      port,
      from: 'news@example.com',
      ...(username ? { username } : {}),
    });
    const store = connectionStore([
      { id: 'tls', kind: 'smtp', settings: settings(465, 'mailer'), secrets: { password: 'p' } },
      {
        id: 'starttls',
        kind: 'smtp',
        settings: settings(587, 'mailer'),
        secrets: { password: 'p' },
      },
      { id: 'anonymous', kind: 'smtp', settings: settings(25), secrets: {} },
    ]);
    const seen: SMTPTransport.Options[] = [];
    const publisher = createPublisher({
      http: createSafeHttpClient({ allowPrivateNetwork: true }),
      resolveConnection: store.resolve,
      logger: recordingLogger(),
      // Only the options matter here: nothing is sent.
      smtpTransportFactory: (options) => {
        seen.push(options);
        throw new Error('not sending');
      },
    });
    for (const connectionId of ['tls', 'starttls', 'anonymous']) {
      await publisher
        .publish(publishRequest('email', { ...baseConfig, connectionId }))
        .catch(() => null);
    }
    expect(seen.map((o) => [o.secure, o.requireTLS])).toEqual([
      [true, false],
      [false, true],
      [false, false],
    ]);
  });

  it('test connection logs in without sending mail', async () => {
    const good = setup();
    expect(await testConnection(await good.store.resolve('smtp'), good.options)).toMatchObject({
      ok: true,
    });
    const bad = setup('nope-nope-nope');
    const outcome = await testConnection(await bad.store.resolve('smtp'), bad.options);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).not.toContain('nope-nope-nope');
    expect(received).toHaveLength(0);
  });
});
