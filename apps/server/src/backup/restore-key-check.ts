import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSecretBox, openConnection } from '@tandem/connectors';
import { readBackupConnections } from '@tandem/store';
import type { Config } from '../config/config.js';
import { keyMaterial } from '../config/ports.js';
import { SECRET_KEY_FILE } from '../config/secret-key.js';

/** How many of a backup's saved connections the key opens. */
export interface KeyCheck {
  connections: number;
  opened: number;
}

/** How many of `connections` open with the secret `key`, through the server's own code. */
function countOpened(key: string, connections: ReturnType<typeof readBackupConnections>): number {
  const box = createSecretBox(keyMaterial(key));
  return connections.filter((connection) => {
    try {
      openConnection(box, connection);
      return true;
    } catch {
      return false;
    }
  }).length;
}

/**
 * Refuses a restore whose secret key would not open the backup's saved connections: after it,
 * every connection's secrets would be unreadable and publishing through them would fail.
 *
 * The key checked is the one the server will use after the restore (resolveSecretKey):
 * TANDEM_SECRET_KEY when it is set, even if the backup holds a secret.key; otherwise the
 * backup's secret.key. Refused only when the key opens none of them: a key that opens some is
 * the right key, and a connection it does not open was already unreadable in the backup.
 */
export function checkBackupKey(config: Config, from: string, keyInBackup: boolean): KeyCheck {
  const connections = readBackupConnections(from);
  if (connections.length === 0) return { connections: 0, opened: 0 };
  const backupKeyFile = join(from, SECRET_KEY_FILE);
  const backupKey = keyInBackup ? readFileSync(backupKeyFile, 'utf8').trim() : undefined;
  const key = config.secretKey ?? backupKey;
  const opened = key ? countOpened(key, connections) : 0;
  if (opened > 0) return { connections: connections.length, opened };

  const which = config.secretKey ? 'in TANDEM_SECRET_KEY' : `in ${backupKeyFile}`;
  const hint =
    config.secretKey && backupKey && countOpened(backupKey, connections) > 0
      ? `; the backup's ${SECRET_KEY_FILE} opens them, but TANDEM_SECRET_KEY takes precedence: unset it and run again`
      : ': restore with the key that was in use when the backup was made (set TANDEM_SECRET_KEY to it)';
  throw new Error(
    `The key ${which} does not open this backup's saved connections (none of ${connections.length} opens)${hint}`,
  );
}
