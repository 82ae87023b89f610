import type { BrandKitInput, User } from '@tandem/schema';

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
