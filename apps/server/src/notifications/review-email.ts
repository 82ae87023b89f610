import { escapeHtml } from '@tandem/connectors';
import type { Task } from '@tandem/schema';

/** One task as the email lists it. */
export interface ReviewEmailItem {
  task: Pick<Task, 'id' | 'title' | 'dueAt'>;
  flowName: string;
}

/**
 * A link to the task's page in the inbox. Never a decision: decisions are POSTs made by a
 * signed-in reviewer, and an email link (prefetched by mail scanners) must not decide anything.
 */
export function taskLink(baseUrl: string, taskId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/inbox/${encodeURIComponent(taskId)}`;
}

const dueFormats = new Map<string, Intl.DateTimeFormat>();

function dueFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dueFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    dueFormats.set(timeZone, format);
  }
  return format;
}

/**
 * "Due 27 Nov 2026, 15:00 CET" in the reader's zone (their browser's, saved with their choice
 * to get these emails), with the zone named; in UTC until one is saved.
 */
export function dueText(dueAt: string | null, timeZone = 'UTC'): string {
  if (!dueAt) return 'No due time';
  let format: Intl.DateTimeFormat;
  try {
    format = dueFormat(timeZone);
  } catch {
    // A zone this runtime no longer knows (saved under another version): UTC, named as such.
    format = dueFormat('UTC');
  }
  return `Due ${format.format(new Date(dueAt))}`;
}

/**
 * The most tasks one email lists, soonest due first; the rest are counted and left to the
 * inbox. A burst of hundreds of tasks still makes a readable email of a sensible size.
 */
export const MAX_LISTED_TASKS = 25;

/**
 * The email's subject, plain text and HTML, listing `items` in the order given (the inbox
 * order). Nothing in it is secret: titles, flow names, links.
 */
export function renderReviewEmail(input: {
  recipientName: string;
  baseUrl: string;
  items: readonly ReviewEmailItem[];
  /** The reader's IANA zone for due times; UTC when not known. */
  timeZone?: string;
}): { subject: string; text: string; html: string } {
  const { items, baseUrl, timeZone } = input;
  const count = items.length;
  const subject =
    count === 1
      ? `A review waits for you: ${items[0]!.task.title}`
      : `${count} reviews wait for you in Tandem`;
  const listed = items.slice(0, MAX_LISTED_TASKS);
  const unlisted = count - listed.length;
  const more =
    unlisted === 0
      ? null
      : `…and ${unlisted} more ${unlisted === 1 ? 'waits' : 'wait'} in your inbox.`;
  const lines = listed.map(({ task, flowName }) =>
    [
      `- ${task.title}`,
      `  ${flowName} · ${dueText(task.dueAt, timeZone)}`,
      `  ${taskLink(baseUrl, task.id)}`,
    ].join('\n'),
  );
  const inbox = `${baseUrl.replace(/\/+$/, '')}/inbox`;
  const settings = `${baseUrl.replace(/\/+$/, '')}/account`;
  const text = [
    `Hello ${input.recipientName},`,
    '',
    count === 1 ? 'A review waits for you:' : `${count} reviews wait for you:`,
    '',
    ...lines,
    ...(more ? ['', more] : []),
    '',
    `Your inbox: ${inbox}`,
    `You get these emails because you asked for them. Switch them off: ${settings}`,
  ].join('\n');
  const rows = listed
    .map(({ task, flowName }) => {
      const link = escapeHtml(taskLink(baseUrl, task.id));
      return `<li><a href="${link}">${escapeHtml(task.title)}</a><br>${escapeHtml(flowName)} · ${escapeHtml(dueText(task.dueAt, timeZone))}</li>`;
    })
    .join('');
  const html = [
    `<p>Hello ${escapeHtml(input.recipientName)},</p>`,
    `<p>${count === 1 ? 'A review waits for you:' : `${count} reviews wait for you:`}</p>`,
    `<ul>${rows}</ul>`,
    ...(more ? [`<p>${escapeHtml(more)}</p>`] : []),
    `<p><a href="${escapeHtml(inbox)}">Open your inbox</a></p>`,
    `<p>You get these emails because you asked for them. <a href="${escapeHtml(settings)}">Switch them off</a>.</p>`,
  ].join('\n');
  return { subject, text, html };
}
