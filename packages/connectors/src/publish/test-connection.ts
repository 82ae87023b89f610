import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '@tandem/schema';
import type { PublishRequest } from '@tandem/nodes';
import { redactSecrets } from '../crypto/mask.js';
import { redactUrl } from '../http/outbound-url.js';
import type { ChannelDeps } from './channel.js';
import { secretValues, type ResolvedConnection } from './connection.js';
import { createSmtpTransport, smtpFailure } from './email.channel.js';
import { excerpt } from './outcome.js';
import { channelDeps, type PublisherOptions } from './publisher.js';
import { publishSlack } from './slack.channel.js';
import { publishWebhook } from './webhook.channel.js';
import { openWordPressConnection, wordpressApiUrl } from './wordpress.channel.js';

/*
 * The settings page's "test connection" button. Nothing is published: SMTP runs the
 * handshake and login only, WordPress asks who the application password belongs to. Webhook
 * and Slack have no read-only call, so they receive a clearly marked test message (what
 * Stripe, GitHub and Slack's own tools do).
 */

export interface ConnectionTestResult {
  ok: boolean;
  status: number | null;
  durationMs: number;
  message: string;
  code?: string;
}

function testRequest(connection: ResolvedConnection, channel: 'webhook' | 'slack'): PublishRequest {
  const id = `test-${randomUUID()}`;
  return {
    key: `${id}:connection-test`,
    channel,
    runId: id,
    flowId: 'connection-test',
    nodeId: 'connection-test',
    config: { connectionId: connection.id },
    content: {
      title: 'Tandem connection test',
      text: `This is a test message from Tandem for the connection "${connection.name}".`,
    },
    contentHash: 'connection-test',
    attempt: 1,
  };
}

async function testWordPress(connection: ResolvedConnection, deps: ChannelDeps) {
  const { settings, authorization } = openWordPressConnection(connection);
  const url = wordpressApiUrl(
    settings.siteUrl,
    'users/me?context=edit&_fields=id,name,capabilities',
  );
  const response = await deps.http.request({
    method: 'GET',
    url,
    headers: {
      authorization,
      accept: 'application/json',
    },
    onOversize: 'truncate',
  });
  if (response.status !== 200) {
    throw new AppError({
      code: 'PUBLISH_FAILED',
      message: `WordPress answered ${response.status}: ${excerpt(response.text(), secretValues(connection))}`,
      details: { status: response.status },
    });
  }
  const me = JSON.parse(response.text()) as {
    name?: string;
    capabilities?: Record<string, boolean>;
  };
  if (me.capabilities && !me.capabilities.publish_posts && !me.capabilities.edit_posts) {
    throw new AppError({
      code: 'FORBIDDEN',
      message: `The WordPress user ${me.name ?? settings.username} may not create posts`,
      details: { status: 200 },
    });
  }
  return {
    status: 200,
    message: `Signed in to ${redactUrl(settings.siteUrl)} as ${me.name ?? settings.username}`,
  };
}

export async function testConnection(
  connection: ResolvedConnection,
  options: PublisherOptions,
): Promise<ConnectionTestResult> {
  const deps = channelDeps(options);
  const started = Date.now();
  try {
    let outcome: { status: number | null; message: string };
    switch (connection.kind) {
      case 'webhook':
      case 'slack': {
        const handler = connection.kind === 'webhook' ? publishWebhook : publishSlack;
        const result = await handler(testRequest(connection, connection.kind), {
          ...deps,
          // The test uses the connection as given, even one the list shows as disabled.
          resolveConnection: async () => ({ ...connection, disabled: false }),
        });
        outcome = {
          status: result.status,
          message: `Delivered a test message to ${result.target}`,
        };
        break;
      }
      case 'smtp': {
        const { transport } = await createSmtpTransport(connection, deps);
        try {
          await transport.verify();
        } catch (error) {
          throw smtpFailure(error);
        } finally {
          transport.close();
        }
        outcome = { status: null, message: 'The mail server accepted the connection and login' };
        break;
      }
      case 'wordpress':
        outcome = await testWordPress(connection, deps);
        break;
      default:
        throw new AppError({
          code: 'VALIDATION_FAILED',
          origin: 'user',
          message: `A ${connection.kind} connection is not a publish connection`,
        });
    }
    return { ok: true, durationMs: Date.now() - started, ...outcome };
  } catch (error) {
    const failure = isAppError(error) ? error : smtpFailure(error);
    const status = failure.details.status;
    return {
      ok: false,
      code: failure.code,
      status: typeof status === 'number' ? status : null,
      durationMs: Date.now() - started,
      message: redactSecrets(failure.message, secretValues(connection)),
    };
  }
}
