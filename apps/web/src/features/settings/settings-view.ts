import type { BrandKitInput, ErrorIssue, User } from '@tandem/schema';
import { describePath } from '../../api/client.js';

/** One item per non-empty line, trimmed: how the brand kit editor edits term lists. */
export function linesToList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export function listToLines(list: readonly string[]): string {
  return list.join('\n');
}

/** Preferred terms as "use = instead of" lines, since that is how people say them. */
export function parsePreferredTerms(text: string): {
  terms: BrandKitInput['preferredTerms'];
  errors: string[];
} {
  const terms: BrandKitInput['preferredTerms'] = [];
  const errors: string[] = [];
  linesToList(text).forEach((line, i) => {
    const [use, insteadOf, ...rest] = line.split('=').map((p) => p.trim());
    if (!use || !insteadOf || rest.length > 0) {
      errors.push(`Line ${i + 1}: write it as "use = instead of"`);
    } else terms.push({ use, insteadOf });
  });
  return { terms, errors };
}

export function formatPreferredTerms(terms: BrandKitInput['preferredTerms']): string {
  return terms.map((t) => `${t.use} = ${t.insteadOf}`).join('\n');
}

/** Examples are separated by a line with three dashes, since each may span lines. */
export function parseExamples(text: string): string[] {
  return text
    .split(/^\s*---\s*$/m)
    .map((e) => e.trim())
    .filter(Boolean);
}

export function formatExamples(examples: readonly string[]): string {
  return examples.join('\n---\n');
}

export interface AuditFilter {
  actor: string;
  action: string;
  subject: string;
}

export function auditQuery(filter: AuditFilter, cursor?: string): string {
  const params = new URLSearchParams();
  for (const key of ['actor', 'action', 'subject'] as const) {
    const v = filter[key].trim();
    if (v) params.set(key, v);
  }
  if (cursor) params.set('cursor', cursor);
  const q = params.toString();
  return q ? `?${q}` : '';
}

/**
 * What to tell an admin whose user change was refused with 409, once the row is reloaded. A
 * newer revision means another admin changed the user meanwhile; otherwise the server refused
 * the change itself (the last enabled admin) and its message says why.
 */
export function userConflictMessage(sent: User, reloaded: User, serverMessage: string): string {
  if (reloaded.revision === sent.revision) return serverMessage;
  return `Someone else changed ${reloaded.name} while you were editing; the row now shows their change. Make yours again if it is still needed.`;
}

/**
 * A server validation message as an admin should read it next to a field. The connection kinds'
 * schemas answer in zod's own words ("Invalid input: expected string, received undefined"),
 * which say nothing to someone who never read the API.
 */
export function readableIssue(message: string): string {
  const n = (re: RegExp) => message.match(re)?.[1];
  if (message === 'Required' || /received undefined$/.test(message)) return 'Required';
  if (/^Invalid input: expected number/.test(message)) return 'Enter a number';
  if (message === 'Invalid email address') return 'Enter an email address, like name@example.com';
  const max = n(/^Too big: expected number to be <=(\d+)$/);
  if (max) return `Must be ${max} or less`;
  const min = n(/^Too small: expected number to be >=(\d+)$/);
  if (min) return `Must be ${min} or more`;
  const longest = n(/^Too big: expected string to have <=(\d+) characters?$/);
  if (longest) return `At most ${longest} characters`;
  const shortest = n(/^Too small: expected string to have >=(\d+) characters?$/);
  if (shortest) return shortest === '1' ? 'Required' : `At least ${shortest} characters`;
  return message;
}

/**
 * The server's validation issues keyed by the top-level field they are about, each readable on
 * its own under that field's label (so not prefixed with the field's own name; a nested place,
 * like the 2nd preferred term, is still named). The first issue of a field wins.
 */
export function issuesByField(issues: readonly ErrorIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { path, message } of issues) {
    const [field, ...rest] = path;
    const where = rest.length > 0 ? `${describePath(rest)}: ` : '';
    fields[String(field ?? '')] ??= `${where}${readableIssue(message)}`;
  }
  return fields;
}

/** Who did it, as the audit log shows it: the person's name, not their id, where it is known. */
export function actorName(
  actorId: string | null | undefined,
  users: readonly Pick<User, 'id' | 'name'>[],
): string {
  if (!actorId) return 'system';
  return users.find((u) => u.id === actorId)?.name ?? actorId;
}

/**
 * A failed connection test in words: the network layer reports socket codes ("Network error:
 * ECONNREFUSED"), which tell an admin nothing about what to check.
 */
export function connectionTestMessage(message: string): string {
  if (/ECONNREFUSED/.test(message))
    return 'Nothing answered at that address. Check the URL (or host and port) and that the service is running.';
  if (/ETIMEDOUT|No complete answer within/.test(message))
    return 'No answer in time. Check the address, or try again if the service is slow.';
  if (/ECONNRESET|EPIPE/.test(message))
    return 'The service cut the connection off. Check the address and port, and try again.';
  if (/Network error: \S*(CERT|UNABLE_TO_VERIFY|SELF_SIGNED)/.test(message))
    return 'The secure connection failed: the site’s certificate was refused (expired, self-signed or for another name).';
  return message;
}

/**
 * When an audit event happened, in full (date, time, zone), for the hover title beside the
 * relative "3 minutes ago": an admin tracing an incident needs the exact moment. `locale` and
 * `timeZone` default to the browser's.
 */
export function formatAbsoluteTime(iso: string, locale?: string, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toLocaleString(locale, {
    dateStyle: 'medium',
    timeStyle: 'long',
    ...(timeZone ? { timeZone } : {}),
  });
}
