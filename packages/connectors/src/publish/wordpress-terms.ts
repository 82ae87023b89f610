import { AppError } from '@tandem/schema';
import type { SafeHttpClient } from '../http/safe-http.client.js';
import { httpFailure, type AttemptMeta } from './outcome.js';

/*
 * Posts take category and tag ids; designers name them. A name is looked up (exact,
 * case-insensitive) and created when missing; creating needs the user's capability, and a
 * refusal is a permanent error naming the term.
 */

export type Taxonomy = 'categories' | 'tags';

interface Term {
  id: number;
  name: string;
}

export interface TermContext {
  http: SafeHttpClient;
  apiBase: string;
  authorization: string;
  signal: AbortSignal | undefined;
  meta: AttemptMeta;
  now: () => Date;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&#0?39;|&#8217;/g, "'")
    .replace(/&quot;/g, '"');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function findTerm(
  ctx: TermContext,
  taxonomy: Taxonomy,
  name: string,
): Promise<number | null> {
  const response = await ctx.http.request({
    method: 'GET',
    url: `${ctx.apiBase}/${taxonomy}?search=${encodeURIComponent(name)}&per_page=100&_fields=id,name`,
    headers: { authorization: ctx.authorization, accept: 'application/json' },
    signal: ctx.signal,
    onOversize: 'truncate',
  });
  if (response.status !== 200) throw httpFailure(response, ctx.meta, ctx.now(), 'WordPress');
  const terms = parseJson(response.text());
  if (!Array.isArray(terms)) return null;
  const wanted = name.toLowerCase();
  const match = (terms as Term[]).find(
    (t) => decodeEntities(String(t.name)).toLowerCase() === wanted,
  );
  return match ? Number(match.id) : null;
}

async function createTerm(ctx: TermContext, taxonomy: Taxonomy, name: string): Promise<number> {
  const response = await ctx.http.request({
    method: 'POST',
    url: `${ctx.apiBase}/${taxonomy}`,
    headers: {
      authorization: ctx.authorization,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify({ name }),
    signal: ctx.signal,
    onOversize: 'truncate',
  });
  const body = parseJson(response.text()) as {
    id?: number;
    code?: string;
    data?: { term_id?: number };
  } | null;
  if (response.status === 201 && typeof body?.id === 'number') return body.id;
  // Created meanwhile by someone else (or a lost earlier answer): WordPress names the id.
  if (body?.code === 'term_exists' && typeof body.data?.term_id === 'number')
    return body.data.term_id;
  const failure = httpFailure(response, ctx.meta, ctx.now(), 'WordPress');
  if (failure.retryable) throw failure;
  throw new AppError({
    code: failure.code,
    origin: 'user',
    message: `WordPress would not create the ${taxonomy === 'tags' ? 'tag' : 'category'} "${name}" (${response.status}); create it in WordPress or give the user the right to`,
    details: {
      ...failure.details,
      issues: [{ path: [taxonomy], message: `Cannot create "${name}"` }],
    },
  });
}

/** Term ids for a mix of ids and names, in order, without duplicates. */
export async function resolveTermIds(
  ctx: TermContext,
  taxonomy: Taxonomy,
  terms: readonly (number | string)[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const term of terms) {
    let id: number;
    if (typeof term === 'number') id = term;
    else if (/^\d+$/.test(term)) id = Number(term);
    else id = (await findTerm(ctx, taxonomy, term)) ?? (await createTerm(ctx, taxonomy, term));
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}
