/*
 * Display forms of secrets: enough to recognise which secret is set, never enough to use it.
 */

const BULLETS = '••••••••';

/** "••••••••wxyz" for long secrets; short ones (where 4 chars would be a real hint) fully hidden. */
export function maskSecret(value: string | null | undefined): string {
  if (!value) return '';
  return value.length >= 16 ? `${BULLETS}${value.slice(-4)}` : BULLETS;
}

/**
 * True for a value in a masked form above (a secret, or a URL whose path is hidden), which a
 * client that read a connection may send back to mean "unchanged".
 */
export function isMaskedSecret(value: string): boolean {
  return value.includes(BULLETS);
}

/** Scheme and host kept; path, query and user-info hidden (Slack webhook URLs carry the token). */
export function maskUrl(value: string): string {
  try {
    const url = new URL(value);
    const hasMore = url.pathname.length > 1 || url.search !== '';
    return `${url.protocol}//${url.host}${hasMore ? `/${BULLETS}` : ''}`;
  } catch {
    return BULLETS;
  }
}

/** Masks every string value of a secrets object (URLs keep their host), for the settings page. */
export function maskSecrets(secrets: Record<string, unknown>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(secrets)) {
    if (typeof value === 'string') {
      masked[name] = /^https?:\/\//i.test(value) ? maskUrl(value) : maskSecret(value);
    } else if (Array.isArray(value)) {
      masked[name] = value.map((v) => (typeof v === 'string' ? maskSecret(v) : BULLETS)).join(' ');
    } else if (value !== null && value !== undefined) {
      masked[name] = BULLETS;
    }
  }
  return masked;
}

/**
 * Replaces every occurrence of the given secrets in a text (response excerpts, error messages),
 * so a receiver echoing a token back does not put it in the run history.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(BULLETS);
  }
  return out;
}
