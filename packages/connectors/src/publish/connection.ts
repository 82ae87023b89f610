import { AppError, type Connection, type ConnectionKind } from '@tandem/schema';
import type { z } from 'zod';
import type { SecretBox } from '../crypto/secret-box.js';
import { liftLegacyHeaders, sealedHeaders } from './connection-headers.js';

/** A saved connection with its secrets opened; lives only in server memory for one call. */
export interface ResolvedConnection {
  id: string;
  kind: ConnectionKind;
  name: string;
  settings: Record<string, unknown>;
  secrets: Record<string, unknown>;
  disabled: boolean;
  disabledReason?: string | null;
}

export type ConnectionResolver = (connectionId: string) => Promise<ResolvedConnection>;

/*
 * Secrets are sealed with the connection id as associated data, so a ciphertext copied onto
 * another connection does not open.
 */
export function sealConnectionSecrets(
  box: SecretBox,
  connectionId: string,
  secrets: Record<string, unknown>,
): string {
  return box.seal(secrets, `connection:${connectionId}`);
}

/** Opens the secrets; plain-text headers of a connection saved before they were sealed move in. */
export function openConnection(box: SecretBox, connection: Connection): ResolvedConnection {
  const { settings, secrets } = liftLegacyHeaders(
    connection.kind,
    connection.settings as Record<string, unknown>,
    box.open(connection.secretsCiphertext, `connection:${connection.id}`),
  );
  return {
    id: connection.id,
    kind: connection.kind,
    name: connection.name,
    settings,
    secrets,
    disabled: connection.disabled,
    disabledReason: connection.disabledReason,
  };
}

/** The resolver the server wires: read from the store, open with the environment's key. */
export function createConnectionResolver(deps: {
  connections: { get(id: string): Promise<Connection> };
  secretBox: SecretBox;
}): ConnectionResolver {
  return async (connectionId) =>
    openConnection(deps.secretBox, await deps.connections.get(connectionId));
}

/** Every string secret of a connection, header values included, for scrubbing excerpts and messages. */
export function secretValues(connection: ResolvedConnection | null): string[] {
  if (!connection) return [];
  return [
    ...Object.values(connection.secrets).filter((v): v is string => typeof v === 'string'),
    ...Object.values(sealedHeaders(connection.secrets)),
  ];
}

export function configInvalid(
  message: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix: (string | number)[] = [],
): AppError {
  return new AppError({
    code: 'CONFIG_INVALID',
    message,
    origin: 'user',
    details: {
      issues: issues.map((i) => ({
        path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message: i.message,
      })),
    },
  });
}

/** Parses with a schema; failure is a non-retryable user error naming the field paths. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  prefix: (string | number)[],
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw configInvalid(`${what} is not valid`, result.error.issues, prefix);
  return result.data;
}

/** Loads a connection for a channel: it must exist, be of the right kind and not be disabled. */
export async function loadConnection(
  resolve: ConnectionResolver,
  connectionId: string,
  kind: ConnectionKind,
): Promise<ResolvedConnection> {
  const connection = await resolve(connectionId);
  if (connection.kind !== kind) {
    throw configInvalid(`Connection ${connection.name} is a ${connection.kind} connection`, [
      { path: ['connectionId'], message: `Choose a ${kind} connection` },
    ]);
  }
  if (connection.disabled) {
    throw new AppError({
      code: 'CONNECTION_DISABLED',
      message: `Connection ${connection.name} is disabled${
        connection.disabledReason ? `: ${connection.disabledReason}` : ''
      }`,
      origin: 'user',
      details: { connectionId: connection.id },
    });
  }
  return connection;
}
