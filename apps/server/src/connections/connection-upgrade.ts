import { isAppError } from '@tandem/schema';
import type { Connection, StorePort } from '@tandem/schema';
import type { Logger } from '@tandem/nodes';
import {
  hasLegacyHeaders,
  openConnection,
  sealConnectionSecrets,
  sealedHeaders,
} from '@tandem/connectors';
import type { SecretBox } from '@tandem/connectors';
import type { AuditService } from '../audit/audit.service.js';

/*
 * Webhook connections saved before header values were secrets keep them in plain text in
 * `settings.headers`. The store cannot move them itself (it holds no key, and its SQLite
 * migrations are SQL), so every server process does it on start through the store port, for
 * SQLite, MongoDB and memory alike. Each move is one document write, settings and ciphertext
 * together, at the revision read: a crash leaves the old row whole, and a concurrent edit or
 * another process's move wins while this one skips. Until a row is moved, `openConnection` lifts
 * its headers on every read, so nothing shows or loses them meanwhile.
 */

interface UpgradeDeps {
  store: StorePort;
  secretBox: SecretBox;
  audit: AuditService;
  logger: Logger;
}

/** Moves every connection's plain-text headers into its sealed secrets; returns how many moved. */
export async function sealLegacyConnectionHeaders(deps: UpgradeDeps): Promise<number> {
  let moved = 0;
  for (const connection of await deps.store.connections.list()) {
    if (!hasLegacyHeaders(connection)) continue;
    const headerNames = await reseal(connection, deps);
    if (!headerNames) continue;
    moved += 1;
    // Older settings defaulted to `headers: {}`: dropping an empty list moves no secret.
    if (headerNames.length === 0) continue;
    await deps.audit.record({
      actorId: null,
      action: 'connection.headers_sealed',
      subjectType: 'connection',
      subjectId: connection.id,
      details: { kind: connection.kind, name: connection.name, headers: headerNames },
    });
  }
  if (moved > 0) deps.logger.info('Sealed the plain-text header values of connections', { moved });
  return moved;
}

/** The names of the headers sealed, or null when the row was left as it is. */
async function reseal(connection: Connection, deps: UpgradeDeps): Promise<string[] | null> {
  let opened;
  try {
    opened = openConnection(deps.secretBox, connection);
  } catch (error) {
    // A key that does not open the row: leave it exactly as it is for the right key.
    deps.logger.warn('Cannot seal the headers of a connection whose secrets do not open', {
      connectionId: connection.id,
      reason: isAppError(error) ? error.message : String(error),
    });
    return null;
  }
  try {
    await deps.store.connections.update({
      ...connection,
      settings: opened.settings as Connection['settings'],
      secretsCiphertext: sealConnectionSecrets(deps.secretBox, connection.id, opened.secrets),
    });
  } catch (error) {
    // Edited, moved by another process or deleted since the list: nothing left to do here.
    if (isAppError(error, 'CONFLICT') || isAppError(error, 'NOT_FOUND')) return null;
    throw error;
  }
  return Object.keys(sealedHeaders(opened.secrets));
}
