import type { Clock, PublishRequest, PublishResult } from '@tandem/nodes';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { SafeHttpClient } from '../http/safe-http.client.js';
import type { ConnectionResolver } from './connection.js';

export type SmtpTransport = Transporter<SMTPTransport.SentMessageInfo, SMTPTransport.Options>;
export type SmtpTransportFactory = (options: SMTPTransport.Options) => SmtpTransport;

export interface ChannelDeps {
  http: SafeHttpClient;
  resolveConnection: ConnectionResolver;
  clock: Clock;
  smtpTransportFactory: SmtpTransportFactory;
  /** Per-attempt time limit for non-HTTP channels (SMTP). */
  timeoutMs: number;
}

/** One attempt on one channel: resolves with the result or throws the classified AppError. */
export type ChannelHandler = (request: PublishRequest, deps: ChannelDeps) => Promise<PublishResult>;
