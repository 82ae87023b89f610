import { isAppError } from '@tandem/schema';
import { loadConfig } from '../config/config.js';
import { describeRestore, restoreEmbeddedStore } from './restore.js';

/* `pnpm restore <backup-folder>`: puts a `pnpm backup` folder back into a stopped Tandem's data folder. */
try {
  const config = loadConfig(process.env);
  const result = restoreEmbeddedStore(config, process.argv[2]);
  process.stdout.write(`${describeRestore(result)}\n`);
} catch (error) {
  const message = isAppError(error) || error instanceof Error ? error.message : String(error);
  process.stderr.write(`Restore failed: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(1);
}
