import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@tandem/nodes';
import type { Config } from './config.js';

/** The generated key's file in the data folder (backups copy it with the database). */
export const SECRET_KEY_FILE = 'secret.key';

/**
 * The key that encrypts connection secrets. An explicit TANDEM_SECRET_KEY wins; otherwise a
 * random key is generated once into the data directory (mode 0600) so a single-process install
 * needs no setup and keeps its secrets readable across restarts. The key itself is never logged.
 */
export function resolveSecretKey(config: Config, logger: Logger): string {
  if (config.secretKey) return config.secretKey;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const path = join(config.dataDir, SECRET_KEY_FILE);
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32).toString('base64');
  // `wx` fails if another process created the file first; then its key is the one to use.
  try {
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return readFileSync(path, 'utf8').trim();
    throw error;
  }
  logger.info('Generated a secret key for connection secrets', { file: path });
  if (config.mongoUri) {
    logger.warn(
      'TANDEM_SECRET_KEY is not set: with a shared MongoDB every server needs the same key; set it explicitly',
    );
  }
  return key;
}
