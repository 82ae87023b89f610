import nodemailer from 'nodemailer';
import { AppError, isAppError, type PublicationChannel } from '@tandem/schema';
import { maskAddressesInText, systemClock } from '@tandem/nodes';
import type { Clock, Logger, PublisherPort, PublishRequest, PublishResult } from '@tandem/nodes';
import type { SafeHttpClient } from '../http/safe-http.client.js';
import type { ChannelDeps, ChannelHandler, SmtpTransportFactory } from './channel.js';
import type { ConnectionResolver } from './connection.js';
import { publishEmail } from './email.channel.js';
import { publishLibrary } from './library.channel.js';
import { previewPublish } from './preview.js';
import { publishSlack } from './slack.channel.js';
import { publishWebhook } from './webhook.channel.js';
import { publishWordPress } from './wordpress.channel.js';

/*
 * The publisher port: ONE attempt per call. The engine owns the retry loop (durable backoff via
 * computeBackoffMs, attempt records, dead letters, replay with the same key); this side makes
 * each attempt idempotent on the receiver's side and classifies its outcome.
 */

export interface PublisherOptions {
  http: SafeHttpClient;
  resolveConnection: ConnectionResolver;
  logger: Logger;
  clock?: Clock;
  smtpTransportFactory?: SmtpTransportFactory;
  /** Called when a target answers 410 Gone, so the server can disable the connection. */
  onConnectionGone?: (connectionId: string, reason: string) => void | Promise<void>;
  /** Per-attempt time limit for SMTP. Default 15 s. */
  smtpTimeoutMs?: number;
}

const HANDLERS: Record<PublicationChannel, ChannelHandler> = {
  webhook: publishWebhook,
  email: publishEmail,
  slack: publishSlack,
  wordpress: publishWordPress,
  library: publishLibrary,
};

export const defaultSmtpTransportFactory: SmtpTransportFactory = (options) =>
  nodemailer.createTransport(options);

export function channelDeps(options: PublisherOptions): ChannelDeps {
  return {
    http: options.http,
    resolveConnection: options.resolveConnection,
    clock: options.clock ?? systemClock,
    smtpTransportFactory: options.smtpTransportFactory ?? defaultSmtpTransportFactory,
    timeoutMs: options.smtpTimeoutMs ?? 15_000,
  };
}

export function createPublisher(options: PublisherOptions): PublisherPort {
  const deps = channelDeps(options);
  const { logger } = options;

  async function reportGone(error: AppError): Promise<void> {
    const connectionId = error.details.connectionId;
    if (error.details.status !== 410 || typeof connectionId !== 'string') return;
    try {
      await options.onConnectionGone?.(connectionId, error.message);
    } catch (hookError) {
      logger.error('Disabling a gone connection failed', {
        connectionId,
        error: (hookError as Error).message,
      });
    }
  }

  return {
    async publish(request: PublishRequest): Promise<PublishResult> {
      const handler = HANDLERS[request.channel];
      if (!handler) {
        throw new AppError({
          code: 'CONFIG_INVALID',
          origin: 'user',
          message: `Unknown publish channel ${String(request.channel)}`,
        });
      }
      const fields = { key: request.key, channel: request.channel, attempt: request.attempt };
      try {
        const result = await handler(request, deps);
        logger.info('Published', {
          ...fields,
          // A hook URL's path is often its credential (Discord, Zapier): masked as every view
          // masks it; an email target ("email to …") keeps its words.
          target: maskAddressesInText(result.target),
          status: result.status,
          durationMs: result.durationMs,
        });
        return result;
      } catch (error) {
        const failure = isAppError(error)
          ? error
          : new AppError({
              code: 'PUBLISH_FAILED',
              message: 'Publishing failed unexpectedly',
              retryable: true,
              cause: error,
            });
        logger.warn('Publish attempt failed', {
          ...fields,
          code: failure.code,
          retryable: failure.retryable,
          status: failure.details.status ?? null,
          target:
            typeof failure.details.target === 'string'
              ? maskAddressesInText(failure.details.target)
              : null,
          message: maskAddressesInText(failure.message),
        });
        if (failure.code === 'CONNECTION_DISABLED') await reportGone(failure);
        throw failure;
      }
    },

    preview: (request) => previewPublish(request, deps),
  };
}
