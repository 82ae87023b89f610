import { AppError } from '@tandem/schema';
import type { SmtpTransport } from './channel.js';
import { loadConnection, secretValues } from './connection.js';
import { createSmtpTransport, smtpFailure } from './email.channel.js';
import { excerpt } from './outcome.js';
import { channelDeps, type PublisherOptions } from './publisher.js';

/** One email Tandem writes itself (a reviewer's notification), not a flow's publication. */
export interface NotificationEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per email, so a mail client drops a copy it already has. */
  idempotencyKey: string;
}

/**
 * Sends one notification through a saved SMTP connection, on the same transport as the
 * publish channel: the SMTP host passes the outbound address policy and TLS settings apply.
 * A failure is the channel's AppError with the connection's secrets scrubbed from its message.
 */
export async function sendNotificationEmail(
  connectionId: string,
  email: NotificationEmail,
  options: PublisherOptions,
): Promise<{ messageId: string; accepted: string[] }> {
  const deps = channelDeps(options);
  const connection = await loadConnection(deps.resolveConnection, connectionId, 'smtp');
  const secrets = secretValues(connection);
  let transport: SmtpTransport | undefined;
  try {
    const smtp = await createSmtpTransport(connection, deps);
    transport = smtp.transport;
    const domain = smtp.from.split('@')[1] ?? 'tandem.local';
    const info = await transport.sendMail({
      from: smtp.fromName ? { name: smtp.fromName, address: smtp.from } : smtp.from,
      to: email.to,
      subject: email.subject.replace(/[\r\n]+/g, ' ').slice(0, 250),
      html: email.html,
      text: email.text,
      messageId: `<${email.idempotencyKey}@${domain}>`,
      headers: { 'X-Tandem-Notification': email.idempotencyKey },
    });
    return { messageId: info.messageId, accepted: info.accepted.map(String) };
  } catch (error) {
    const failure = error instanceof AppError ? error : smtpFailure(error);
    throw new AppError({
      code: failure.code,
      message: excerpt(failure.message, secrets),
      retryable: failure.retryable,
      origin: failure.origin,
      details: { connectionId: connection.id, status: failure.details.status ?? null },
    });
  } finally {
    transport?.close();
  }
}
