import { isAppError } from '@tandem/schema';
import { loadConfig } from '../config/config.js';
import { backupEmbeddedStore, describeBackup } from './backup.js';

/* `pnpm backup [folder]`: a consistent copy of the embedded store, safe while Tandem runs. */
try {
  const config = loadConfig(process.env);
  const result = backupEmbeddedStore(config, process.argv[2]);
  process.stdout.write(`${describeBackup(result, config.dataDir)}\n`);
} catch (error) {
  const message = isAppError(error) || error instanceof Error ? error.message : String(error);
  process.stderr.write(`Backup failed: ${message}\n`);
  process.exit(1);
}
