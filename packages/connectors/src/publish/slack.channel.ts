import { AppError, isAppError, MAY_HAVE_ARRIVED } from '@tandem/schema';
import type { PublishRequest } from '@tandem/nodes';
import { maskUrl } from '../crypto/mask.js';
import type { ChannelDeps, ChannelHandler } from './channel.js';
import { loadConnection, parseOrThrow, secretValues } from './connection.js';
import { htmlToText, looksLikeHtml } from './content-format.js';
import { attemptFailure, httpFailure, success, type AttemptMeta } from './outcome.js';
import { SlackConnectionSecretsSchema, SlackPublishConfigSchema } from './publish-config.schema.js';

/*
 * Slack incoming webhooks: POST JSON { text, blocks } to the hook URL (which is itself the
 * credential, so it lives in the connection's secrets and is shown masked). `text` is the
 * notification fallback; blocks carry the message. Limits from Slack's docs: header text 150
 * chars, a section's text 3000 chars, 50 blocks per message.
 */

const SECTION_CHARS = 3_000;
const HEADER_CHARS = 150;
const MAX_SECTIONS = 45;

/** Slack asks for &, < and > to be escaped in message text. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function chunk(text: string, size: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const cut = rest.lastIndexOf('\n', size) > size / 2 ? rest.lastIndexOf('\n', size) : size;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest) parts.push(rest);
  return parts;
}

/** The node's rendered message template when it has one, else the approved text. */
export function slackMessage(request: PublishRequest) {
  const raw = request.content.body ?? request.content.text;
  const text = escapeSlack(looksLikeHtml(raw) ? htmlToText(raw) : raw).trim();
  const title = request.content.title?.trim();
  const blocks: Record<string, unknown>[] = [];
  if (title) {
    blocks.push({
      type: 'header',
      text: { type: 'plain_text', text: title.slice(0, HEADER_CHARS), emoji: true },
    });
  }
  for (const part of chunk(text, SECTION_CHARS).slice(0, MAX_SECTIONS)) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: part } });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `Published by Tandem · run ${escapeSlack(request.runId)}` }],
  });
  const fallback = title ? `${escapeSlack(title)}\n${text}` : text;
  return { text: fallback.slice(0, 40_000), blocks };
}

/**
 * Slack's incoming webhooks take no idempotency key: a message sent again is posted again. So a
 * failure after the request went out whole (no answer in time, the connection dropped) is not
 * retried on its own: the message may be in the channel already, and a person checks before
 * replaying it. A failure before that (refused, unreachable) retries as usual.
 */
function unlessMaybePosted(error: unknown): unknown {
  if (!isAppError(error) || !error.retryable || error.details.requestSent !== true) return error;
  return new AppError({
    code: 'PUBLISH_FAILED',
    message: `Slack ${MAY_HAVE_ARRIVED} (${error.message}). It is not sent again on its own: check the channel, and replay it only if it is missing.`,
    retryable: false,
    origin: 'system',
    details: { ...error.details, reason: 'maybe_delivered' },
    cause: error,
  });
}

/** A Slack message checked and rendered as it would be sent, and what its attempt records. */
export async function prepareSlack(request: PublishRequest, deps: ChannelDeps) {
  const config = parseOrThrow(SlackPublishConfigSchema, request.config, 'Slack settings', []);
  const connection = await loadConnection(deps.resolveConnection, config.connectionId, 'slack');
  const secrets = parseOrThrow(
    SlackConnectionSecretsSchema,
    connection.secrets,
    'Slack connection',
    ['secrets'],
  );
  const body = JSON.stringify(slackMessage(request));
  const target = maskUrl(secrets.webhookUrl);
  const meta: AttemptMeta = {
    target,
    request: { method: 'POST', url: target, body },
    secrets: secretValues(connection),
    connectionId: connection.id,
  };
  return { url: secrets.webhookUrl, body, meta };
}

export const publishSlack: ChannelHandler = async (request, deps) => {
  const { url, body, meta } = await prepareSlack(request, deps);
  const started = Date.now();
  let response;
  try {
    response = await deps.http.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
      signal: request.signal,
      maxRedirects: 0,
      onOversize: 'truncate',
      // A kept connection closed at reuse would leave open whether Slack read the message.
      freshConnection: true,
    });
  } catch (error) {
    throw attemptFailure(unlessMaybePosted(error), meta, Date.now() - started);
  }
  if (response.status !== 200) throw httpFailure(response, meta, deps.clock.now(), 'Slack');
  return success(response, meta);
};
