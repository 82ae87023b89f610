import { isIP } from 'node:net';
import { AppError } from '@tandem/schema';
import type { PublishRequest, PublishResult } from '@tandem/nodes';
import type { ChannelHandler, ChannelDeps, SmtpTransport } from './channel.js';
import {
  loadConnection,
  parseOrThrow,
  secretValues,
  type ResolvedConnection,
} from './connection.js';
import { htmlToText, looksLikeHtml, toHtmlAndText } from './content-format.js';
import { attemptFailure, excerpt, type AttemptMeta } from './outcome.js';
import {
  EmailPublishConfigSchema,
  SmtpConnectionSecretsSchema,
  SmtpConnectionSettingsSchema,
} from './publish-config.schema.js';
import { webhookIdFor } from './webhook-signing.js';

/*
 * Email over SMTP with nodemailer. The SMTP host passes the same address policy as HTTP targets
 * and the transport connects to the checked address (TLS still verifies the host name). The
 * Message-ID derives from the publication key, so a resend after a lost answer carries the same
 * id and mail clients thread or drop the duplicate. SMTP 4xx replies and connection failures
 * are transient; 5xx replies and authentication failures are permanent.
 */

const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET']);
/** SMTP over TLS from the first byte (RFC 8314); STARTTLS there would never be offered. */
const IMPLICIT_TLS_PORT = 465;

export async function createSmtpTransport(
  connection: ResolvedConnection,
  deps: ChannelDeps,
): Promise<{ transport: SmtpTransport; from: string; fromName?: string }> {
  const settings = parseOrThrow(
    SmtpConnectionSettingsSchema,
    connection.settings,
    'SMTP connection',
    ['settings'],
  );
  const secrets = parseOrThrow(SmtpConnectionSecretsSchema, connection.secrets, 'SMTP connection', [
    'secrets',
  ]);
  const [address] = await deps.http.resolveHost(settings.host);
  const secure = settings.secure || settings.port === IMPLICIT_TLS_PORT;
  const transport = deps.smtpTransportFactory({
    host: address?.address ?? settings.host,
    port: settings.port,
    secure,
    requireTLS:
      settings.requireTLS || (!secure && Boolean(settings.username) && !settings.allowPlainAuth),
    // The socket goes to the checked address; TLS still presents and verifies the host name.
    ...(isIP(settings.host) ? {} : { tls: { servername: settings.host } }),
    name: 'tandem',
    connectionTimeout: deps.timeoutMs,
    greetingTimeout: deps.timeoutMs,
    socketTimeout: deps.timeoutMs,
    ...(settings.username
      ? { auth: { user: settings.username, pass: secrets.password ?? '' } }
      : {}),
  });
  return {
    transport,
    from: settings.from,
    ...(settings.fromName ? { fromName: settings.fromName } : {}),
  };
}

export function smtpFailure(error: unknown): AppError {
  const err = error as {
    code?: string;
    responseCode?: number;
    response?: string;
    message?: string;
  };
  const status = typeof err.responseCode === 'number' ? err.responseCode : null;
  // Encryption refused: no retry makes the server offer it, and the password stayed here.
  const noTls = err.code === 'ETLS';
  const transient =
    !noTls &&
    (status !== null ? status >= 400 && status < 500 : TRANSIENT_CODES.has(err.code ?? ''));
  return new AppError({
    code: err.code === 'ETIMEDOUT' ? 'TIMEOUT' : 'PUBLISH_FAILED',
    message: noTls
      ? 'The mail server offers no encryption (STARTTLS), so the password was not sent to it. Use the port where it offers TLS (465), or allow sending without encryption for a local test server.'
      : `The mail server refused or failed: ${err.response ?? err.message ?? 'unknown error'}`,
    retryable: transient,
    origin: transient ? 'system' : 'user',
    details: {
      status,
      reason: err.code ?? 'smtp',
      responseExcerpt: err.response?.slice(0, 500) ?? null,
    },
    cause: error,
  });
}

function plainText(body: string): string {
  return looksLikeHtml(body) ? htmlToText(body) : body.trim();
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

/** An email checked and rendered as it would be sent, and what its attempt records. */
export async function prepareEmail(request: PublishRequest, deps: ChannelDeps) {
  const config = parseOrThrow(EmailPublishConfigSchema, request.config, 'Email settings', []);
  const connection = await loadConnection(deps.resolveConnection, config.connectionId, 'smtp');
  // The node renders subject and body templates; the approved text is the fallback body.
  const subject = oneLine(request.content.title || 'New content from Tandem').slice(0, 250);
  const body = request.content.body ?? request.content.text;
  const { html, text } =
    config.format === 'html' ? toHtmlAndText(body) : { html: undefined, text: plainText(body) };
  const recipients = [...config.to, ...config.cc, ...config.bcc];
  const meta: AttemptMeta = {
    target: `email to ${recipients.join(', ')}`,
    request: { to: config.to, cc: config.cc, bcc: config.bcc, subject, html: html ?? null, text },
    secrets: secretValues(connection),
    connectionId: connection.id,
  };
  return { config, connection, subject, html, text, meta };
}

export const publishEmail: ChannelHandler = async (request, deps): Promise<PublishResult> => {
  const { config, connection, subject, html, text, meta } = await prepareEmail(request, deps);
  const started = Date.now();
  let transport: SmtpTransport | undefined;
  try {
    const smtp = await createSmtpTransport(connection, deps);
    transport = smtp.transport;
    const domain = smtp.from.split('@')[1] ?? 'tandem.local';
    const info = await transport.sendMail({
      from: smtp.fromName ? { name: smtp.fromName, address: smtp.from } : smtp.from,
      to: config.to,
      cc: config.cc,
      bcc: config.bcc,
      ...(config.replyTo ? { replyTo: config.replyTo } : {}),
      subject,
      ...(html !== undefined ? { html } : {}),
      text,
      messageId: `<${webhookIdFor(request.key)}@${domain}>`,
      headers: { 'X-Tandem-Publication': request.key },
    });
    const status = Number.parseInt(info.response, 10);
    return {
      status: Number.isNaN(status) ? null : status,
      externalId: info.messageId,
      responseExcerpt: excerpt(info.response, meta.secrets),
      target: meta.target,
      request: {
        ...meta.request,
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
      },
      durationMs: Date.now() - started,
    };
  } catch (error) {
    const failure = error instanceof AppError ? error : smtpFailure(error);
    throw attemptFailure(failure, meta, Date.now() - started);
  } finally {
    transport?.close();
  }
};
