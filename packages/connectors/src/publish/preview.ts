import { AppError, type PublicationChannel } from '@tandem/schema';
import type { PublishPreview, PublishRequest } from '@tandem/nodes';
import type { ChannelDeps } from './channel.js';
import { parseOrThrow } from './connection.js';
import { prepareEmail } from './email.channel.js';
import { publishLibrary } from './library.channel.js';
import {
  SmtpConnectionSecretsSchema,
  SmtpConnectionSettingsSchema,
} from './publish-config.schema.js';
import { prepareSlack } from './slack.channel.js';
import { prepareWebhook } from './webhook.channel.js';
import { prepareWordPress } from './wordpress.channel.js';

/*
 * A test run's publish step: everything a real attempt checks before it sends (settings, the
 * saved connection, the address policy for the URLs a step or connection names) and the
 * request it would send, as a publication would record it (secrets masked). Nothing goes out:
 * no HTTP request, no SMTP connection, no library entry. Addresses are checked with DNS, as a
 * connection is when saved, but not connected to.
 */
type ChannelPreview = (request: PublishRequest, deps: ChannelDeps) => Promise<PublishPreview>;

const shown = ({ target, request }: PublishPreview): PublishPreview => ({ target, request });

const PREVIEWS: Record<PublicationChannel, ChannelPreview> = {
  async webhook(request, deps) {
    const { url, meta } = await prepareWebhook(request, deps);
    await deps.http.checkUrl(url);
    return shown(meta);
  },
  async email(request, deps) {
    const { connection, meta } = await prepareEmail(request, deps);
    const settings = parseOrThrow(
      SmtpConnectionSettingsSchema,
      connection.settings,
      'SMTP connection',
      ['settings'],
    );
    parseOrThrow(SmtpConnectionSecretsSchema, connection.secrets, 'SMTP connection', ['secrets']);
    await deps.http.resolveHost(settings.host);
    return shown(meta);
  },
  async slack(request, deps) {
    const { url, meta } = await prepareSlack(request, deps);
    await deps.http.checkUrl(url);
    return shown(meta);
  },
  async wordpress(request, deps) {
    const { url, meta } = await prepareWordPress(request, deps);
    await deps.http.checkUrl(url);
    return shown(meta);
  },
  // The library's "sending" is writing the entry, which the engine does not do in a test run.
  library: async (request, deps) => shown(await publishLibrary(request, deps)),
};

export function previewPublish(
  request: PublishRequest,
  deps: ChannelDeps,
): Promise<PublishPreview> {
  const preview = PREVIEWS[request.channel];
  if (!preview) {
    throw new AppError({
      code: 'CONFIG_INVALID',
      origin: 'user',
      message: `Unknown publish channel ${String(request.channel)}`,
    });
  }
  return preview(request, deps);
}
