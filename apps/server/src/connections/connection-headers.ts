import { z } from 'zod';
import { validationError } from '@tandem/schema';
import type { ConnectionKind } from '@tandem/schema';
import { isMaskedSecret } from '@tandem/connectors';

/*
 * A webhook connection's custom headers, as the API takes them. Their values are secrets (API
 * keys, bearer tokens): the API shows them masked and the client never holds a stored value, so
 * an update names every header the connection should keep and sends a value only for the ones
 * it sets or changes.
 */

/**
 * Every header the connection should have, name → value. A null, empty or masked value keeps
 * the stored one (as an absent key keeps a stored secret); a header left out is removed.
 */
export const HeadersInputSchema = z.record(z.string().max(100), z.string().max(2_000).nullable());
export type HeadersInput = z.output<typeof HeadersInputSchema>;

const keepsStored = (value: string | null) =>
  value === null || value === '' || isMaskedSecret(value);

/** The stored value of a header; names are case-insensitive in HTTP. */
function storedValue(stored: Record<string, string>, name: string): string | undefined {
  if (stored[name] !== undefined) return stored[name];
  const match = Object.keys(stored).find((k) => k.toLowerCase() === name.toLowerCase());
  return match === undefined ? undefined : stored[match];
}

/**
 * The headers to seal after a create or update. `input` undefined leaves them as stored. The
 * result is checked (names, one-line values) with the rest of the secrets.
 */
export function mergeHeaders(
  kind: ConnectionKind,
  stored: Record<string, string>,
  input: HeadersInput | undefined,
  missing = 'Enter a value for this new header',
): Record<string, string> {
  if (input === undefined) return stored;
  const names = Object.keys(input);
  if (kind !== 'webhook' && names.length > 0) {
    throw validationError([
      { path: ['headers'], message: 'Only webhook connections send headers' },
    ]);
  }
  const issues: { path: string[]; message: string }[] = [];
  const seen = new Set<string>();
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    if (seen.has(name.toLowerCase())) {
      issues.push({ path: ['headers', name], message: 'This header is listed twice' });
    }
    seen.add(name.toLowerCase());
    if (!keepsStored(value)) {
      merged[name] = value as string;
      continue;
    }
    const kept = storedValue(stored, name);
    if (kept === undefined) {
      issues.push({ path: ['headers', name], message: missing });
    } else merged[name] = kept;
  }
  if (issues.length > 0) throw validationError(issues, "The connection's headers are not valid");
  return merged;
}

/**
 * Clients written before header values were secrets sent them as `settings.headers`, in plain
 * text; those are taken as the header list (never stored in settings) instead of being dropped.
 */
export function splitHeadersFromSettings(
  kind: ConnectionKind,
  settings: Record<string, unknown> | undefined,
  headers: HeadersInput | undefined,
): { settings: Record<string, unknown> | undefined; headers: HeadersInput | undefined } {
  if (kind !== 'webhook' || settings?.headers === undefined) return { settings, headers };
  const { headers: fromSettings, ...rest } = settings;
  if (headers !== undefined) {
    throw validationError([
      { path: ['settings', 'headers'], message: 'Send headers once, as `headers`' },
    ]);
  }
  const parsed = HeadersInputSchema.safeParse(fromSettings);
  if (!parsed.success) {
    throw validationError(
      parsed.error.issues.map((i) => ({ ...i, path: ['settings', 'headers', ...i.path] })),
      "The connection's headers are not valid",
    );
  }
  return { settings: rest, headers: parsed.data };
}

const originOf = (url: unknown): string | null => {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * The stored header values an update may keep. Once the address moves to another origin, none:
 * kept values (API keys) would go to a host nobody entered them for, so they are asked again.
 */
export function headersKeptFor(
  stored: { settings: Record<string, unknown>; headers: Record<string, string> },
  settings: Record<string, unknown> | undefined,
  input: HeadersInput | undefined,
): { kept: Record<string, string>; missing: string } {
  const moved = settings !== undefined && originOf(settings.url) !== originOf(stored.settings.url);
  if (!moved) return { kept: stored.headers, missing: 'Enter a value for this new header' };
  const missing = 'Enter this value again: the address moved to another host';
  const names = Object.keys(stored.headers);
  if (input === undefined && names.length > 0) {
    throw validationError(
      names.map((name) => ({ path: ['headers', name], message: missing })),
      "The connection's headers are not valid",
    );
  }
  return { kept: {}, missing };
}
