import type { ConnectionKind } from '@tandem/schema';
import { maskSecret } from '../crypto/mask.js';

/*
 * A webhook connection's custom headers carry receivers' API keys and bearer tokens, so their
 * values live in the sealed secrets (`secrets.headers`) and are shown by name with a masked value
 * only. Connections saved before that kept them in plain text as `settings.headers`. Every reader
 * opens a connection through `openConnection`, which lifts those into the secrets: an old row
 * publishes as before and its values are never shown, until the server re-seals it (at start-up,
 * or when an admin saves it).
 */

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True for a connection whose header values still sit in plain text in `settings`. */
export function hasLegacyHeaders(connection: { kind: ConnectionKind; settings: Json }): boolean {
  return connection.kind === 'webhook' && connection.settings.headers !== undefined;
}

/**
 * Moves plain-text `settings.headers` into `secrets.headers`. A header sealed under the same name
 * wins; a malformed legacy value is carried over as it is, so the channel reports it rather than
 * a re-seal dropping it.
 */
export function liftLegacyHeaders(
  kind: ConnectionKind,
  settings: Json,
  secrets: Json,
): { settings: Json; secrets: Json } {
  if (!hasLegacyHeaders({ kind, settings })) return { settings, secrets };
  const { headers: legacy, ...rest } = settings;
  const sealed = secrets.headers;
  const headers =
    isRecord(legacy) && isRecord(sealed) ? { ...legacy, ...sealed } : (sealed ?? legacy);
  return { settings: rest, secrets: { ...secrets, headers } };
}

/** The string header values of a connection's secrets (none when it has no headers). */
export function sealedHeaders(secrets: Json): Record<string, string> {
  const headers = secrets.headers;
  if (!isRecord(headers)) return {};
  return Object.fromEntries(
    Object.entries(headers).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** Header names with the values masked the way other secrets are, for the settings page. */
export function maskHeaders(secrets: Json): Record<string, string> {
  return Object.fromEntries(
    Object.entries(sealedHeaders(secrets)).map(([name, value]) => [name, maskSecret(value)]),
  );
}
