import type { Graph } from '@tandem/schema';

/** How the approved content will look where it lands. */
export type Channel = 'blog' | 'email' | 'social' | 'chat' | 'plain';

export interface ChannelSpec {
  id: Channel;
  label: string;
  /** Hard limit in characters (user-perceived), or null for none. */
  limit: number | null;
  /** What the limit is, in words, for the counter's label. */
  limitNote: string | null;
}

export const CHANNELS: Record<Channel, ChannelSpec> = {
  blog: { id: 'blog', label: 'Blog post', limit: null, limitNote: null },
  email: { id: 'email', label: 'Email', limit: null, limitNote: null },
  social: { id: 'social', label: 'Social post', limit: 280, limitNote: '280 characters per post' },
  chat: {
    id: 'chat',
    label: 'Slack message',
    limit: 4000,
    limitNote: 'Slack truncates past 4,000',
  },
  plain: { id: 'plain', label: 'Plain text', limit: null, limitNote: null },
};

/** Email subject lines past this get cut off in most inboxes. */
export const EMAIL_SUBJECT_LIMIT = 78;

const SOCIAL_HINT = /\b(social|tweet|twitter|x\.com|linkedin|mastodon|bluesky|instagram)\b/i;

function channelOfNode(node: Graph['nodes'][number]): Channel | null {
  switch (node.type) {
    case 'publish.wordpress':
      return 'blog';
    case 'publish.email':
      return 'email';
    case 'publish.slack':
      return 'chat';
    case 'publish.webhook': {
      const hint = `${node.label ?? ''} ${JSON.stringify(node.config)}`;
      return SOCIAL_HINT.test(hint) ? 'social' : 'plain';
    }
    default:
      return null;
  }
}

/**
 * The channel of the nearest publish step downstream of a checkpoint, following its
 * `approved` path (a `rejected` path publishes nothing the reviewer is looking at).
 */
export function channelForCheckpoint(graph: Graph, nodeId: string): Channel {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>([nodeId]);
  let frontier = graph.edges
    .filter((e) => e.source === nodeId && e.sourceHandle !== 'rejected')
    .map((e) => e.target);
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      if (seen.has(id)) continue;
      seen.add(id);
      const node = byId.get(id);
      if (!node) continue;
      const channel = channelOfNode(node);
      if (channel) return channel;
      next.push(...graph.edges.filter((e) => e.source === id).map((e) => e.target));
    }
    frontier = next;
  }
  return 'plain';
}

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : null;

/** Characters as a reader counts them: an emoji or an accented letter is one. */
export function visibleLength(text: string): number {
  if (!segmenter) return [...text].length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n += 1;
  return n;
}

export interface LengthCheck {
  length: number;
  limit: number | null;
  over: number;
  /** "212 / 280", or "1,204 characters" without a limit. */
  label: string;
}

export function checkLength(channel: Channel, text: string): LengthCheck {
  const length = visibleLength(text);
  const { limit } = CHANNELS[channel];
  if (limit === null) {
    return { length, limit, over: 0, label: `${length.toLocaleString('en-US')} characters` };
  }
  return {
    length,
    limit,
    over: Math.max(0, length - limit),
    label: `${length.toLocaleString('en-US')} / ${limit.toLocaleString('en-US')}`,
  };
}

export interface EmailParts {
  subject: string | null;
  body: string;
}

/** A leading "Subject: …" line becomes the subject; the rest is the body. */
export function splitEmail(text: string): EmailParts {
  const match = /^\s*subject:[ \t]*(.*)\r?\n?/i.exec(text);
  if (!match) return { subject: null, body: text.trim() };
  return { subject: match[1]!.trim(), body: text.slice(match[0].length).trim() };
}

export interface BlogParts {
  title: string | null;
  paragraphs: string[];
}

/** A first line starting with "#" or followed by a blank line reads as the title. */
export function splitBlog(text: string): BlogParts {
  const lines = text.trim().split(/\r?\n/);
  const first = lines[0] ?? '';
  const heading = /^#{1,3}\s+(.*)$/.exec(first);
  const hasTitle = Boolean(heading) || (lines.length > 2 && lines[1]!.trim() === '');
  const title = heading ? heading[1]!.trim() : hasTitle ? first.trim() : null;
  const rest = hasTitle ? lines.slice(1).join('\n') : lines.join('\n');
  const paragraphs = rest
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return { title, paragraphs };
}
