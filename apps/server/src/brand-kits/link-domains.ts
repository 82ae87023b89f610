import { validationError, type ErrorIssue } from '@tandem/schema';

/** A host name of dot-separated labels (letters, digits, inner hyphens), with at least one dot. */
const DOMAIN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The host of an entry typed as a domain or pasted as a URL; null when it has none. */
function hostOf(entry: string): string | null {
  const trimmed = entry.trim();
  if (/\s/.test(trimmed)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/**
 * The brand kit's allowed link domains as the brand check compares them: hosts. A pasted URL
 * (`https://lumen.example/path`) is reduced to its host; an entry that is not a domain at all
 * (`not a domain!!`) is refused by its place in the list, since the check would never match it
 * and every link would be flagged with no hint why. Duplicates are kept once.
 */
export function normalizeLinkDomains(entries: readonly string[]): string[] {
  const issues: ErrorIssue[] = [];
  const hosts: string[] = [];
  entries.forEach((entry, index) => {
    const host = hostOf(entry);
    if (host === null || !DOMAIN.test(host)) {
      issues.push({
        path: ['linkAllowList', index],
        message: `"${entry.trim().slice(0, 80)}" is not a domain: enter one like example.com`,
      });
    } else if (!hosts.includes(host)) hosts.push(host);
  });
  if (issues.length > 0) throw validationError(issues, 'An allowed link domain is not a domain');
  return hosts;
}
