import { createHash } from 'node:crypto';
import { AppError } from '@tandem/schema';
import type { PublishRequest } from '@tandem/nodes';
import { redactUrl } from '../http/outbound-url.js';
import type { SafeHttpClient, SafeHttpResponse } from '../http/safe-http.client.js';
import type { ChannelDeps, ChannelHandler } from './channel.js';
import {
  loadConnection,
  parseOrThrow,
  secretValues,
  type ResolvedConnection,
} from './connection.js';
import { sanitize, textToHtml, looksLikeHtml } from './content-format.js';
import { attemptFailure, httpFailure, success, type AttemptMeta } from './outcome.js';
import {
  WordPressConnectionSecretsSchema,
  WordPressConnectionSettingsSchema,
  WordPressPublishConfigSchema,
} from './publish-config.schema.js';
import { resolveTermIds, type TermContext } from './wordpress-terms.js';

/*
 * WordPress REST API: POST {site}/wp-json/wp/v2/posts with an application password (HTTP Basic).
 * WordPress has no idempotency key, so the post's slug carries one: a readable part from the
 * title plus a short hash of the publication key. A retry first looks the slug up and, when an
 * earlier attempt did create the post (its answer lost to a timeout), reports that post instead
 * of creating a second one.
 */

const ALL_STATUSES = 'publish,future,draft,pending,private';

export function wordpressSlug(title: string, key: string): string {
  const readable = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const tag = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return readable ? `${readable}-${tag}` : `post-${tag}`;
}

export function wordpressApiUrl(siteUrl: string, path: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/wp-json/wp/v2/${path}`;
}

function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * The post body before term ids are known. The node renders the title and excerpt templates
 * (content.title, content.body); the post's content is the approved text, sanitized.
 */
export function wordpressPost(request: PublishRequest, status: 'draft' | 'publish') {
  const title = (request.content.title ?? '').replace(/\s+/g, ' ').trim();
  if (!title) {
    throw new AppError({
      code: 'CONFIG_INVALID',
      origin: 'user',
      message: 'A WordPress post needs a title: the title template rendered empty',
      details: { issues: [{ path: ['titleTemplate'], message: 'Required' }] },
    });
  }
  const raw = request.content.text;
  const excerpt = request.content.body?.trim();
  return {
    title,
    content: looksLikeHtml(raw) ? sanitize(raw) : textToHtml(raw),
    status,
    slug: wordpressSlug(title, request.key),
    ...(excerpt ? { excerpt: looksLikeHtml(excerpt) ? sanitize(excerpt) : excerpt } : {}),
  };
}

async function findEarlierPost(
  http: SafeHttpClient,
  siteUrl: string,
  authorization: string,
  slug: string,
  signal: AbortSignal | undefined,
): Promise<SafeHttpResponse | null> {
  const url = `${wordpressApiUrl(siteUrl, 'posts')}?slug=${encodeURIComponent(slug)}&status=${ALL_STATUSES}&context=edit&_fields=id,link,status,slug`;
  const response = await http.request({
    method: 'GET',
    url,
    headers: { authorization, accept: 'application/json' },
    signal,
    onOversize: 'truncate',
  });
  if (response.status !== 200) return null;
  try {
    const found: unknown = JSON.parse(response.text());
    return Array.isArray(found) && found.length > 0 ? response : null;
  } catch {
    return null;
  }
}

function postId(response: SafeHttpResponse): string | undefined {
  try {
    const body = JSON.parse(response.text()) as unknown;
    const post = Array.isArray(body) ? body[0] : body;
    const id = (post as { id?: unknown } | undefined)?.id;
    return typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
  } catch {
    return undefined;
  }
}

/** A WordPress connection's checked settings and the HTTP Basic header its password makes. */
export function openWordPressConnection(connection: ResolvedConnection) {
  const settings = parseOrThrow(
    WordPressConnectionSettingsSchema,
    connection.settings,
    'WordPress connection',
    ['settings'],
  );
  const secrets = parseOrThrow(
    WordPressConnectionSecretsSchema,
    connection.secrets,
    'WordPress connection',
    ['secrets'],
  );
  return { settings, authorization: basicAuth(settings.username, secrets.applicationPassword) };
}

/**
 * A WordPress post checked and rendered as it would be sent (category and tag names, before
 * they are looked up as ids), and what its attempt records.
 */
export async function prepareWordPress(request: PublishRequest, deps: ChannelDeps) {
  const config = parseOrThrow(
    WordPressPublishConfigSchema,
    request.config,
    'WordPress settings',
    [],
  );
  const connection = await loadConnection(deps.resolveConnection, config.connectionId, 'wordpress');
  const { settings, authorization } = openWordPressConnection(connection);
  const base = wordpressPost(request, config.status);
  const url = wordpressApiUrl(settings.siteUrl, 'posts');
  const meta: AttemptMeta = {
    target: redactUrl(url),
    request: {
      method: 'POST',
      url: redactUrl(url),
      body: { ...base, categories: config.categories, tags: config.tags },
    },
    secrets: [...secretValues(connection), authorization],
    connectionId: connection.id,
  };
  return { config, settings, authorization, base, url, meta };
}

export const publishWordPress: ChannelHandler = async (request, deps: ChannelDeps) => {
  const { config, settings, authorization, base, url, meta } = await prepareWordPress(
    request,
    deps,
  );
  const started = Date.now();
  let response;
  try {
    if (request.attempt > 1) {
      const earlier = await findEarlierPost(
        deps.http,
        settings.siteUrl,
        authorization,
        base.slug,
        request.signal,
      );
      if (earlier) return success(earlier, meta, postId(earlier));
    }
    const terms: TermContext = {
      http: deps.http,
      apiBase: wordpressApiUrl(settings.siteUrl, '').replace(/\/$/, ''),
      authorization,
      signal: request.signal,
      meta,
      now: () => deps.clock.now(),
    };
    const categories = await resolveTermIds(terms, 'categories', config.categories);
    const tags = await resolveTermIds(terms, 'tags', config.tags);
    const post = {
      ...base,
      ...(categories.length > 0 ? { categories } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    };
    response = await deps.http.request({
      method: 'POST',
      url,
      headers: {
        authorization,
        'content-type': 'application/json',
        accept: 'application/json',
        'idempotency-key': request.key,
      },
      body: JSON.stringify(post),
      signal: request.signal,
      onOversize: 'truncate',
    });
  } catch (error) {
    throw attemptFailure(error, meta, Date.now() - started);
  }
  if (response.status < 200 || response.status >= 300) {
    throw httpFailure(response, meta, deps.clock.now(), 'WordPress');
  }
  return success(response, meta, postId(response));
};
