import { isAppError } from '@tandem/schema';
import { createApp } from './app.js';
import { loadConfig } from './config/config.js';

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (isAppError(error, 'CONFIG_INVALID')) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  let app: { warmUp(): void; close(): Promise<void> };
  if (config.role === 'worker') {
    // Loaded for this role only: it brings BullMQ and Redis, which one process does not need.
    const { createWorker } = await import('./scale/worker.js');
    const worker = await createWorker(config);
    app = worker;
    // Tests parse this line (a worker has no HTTP port); everything else goes to stderr.
    process.stdout.write('Tandem worker ready\n');
  } else {
    const server = await createApp(config);
    app = server;
    // Tests and the e2e harness parse exactly this line; everything else goes to stderr.
    process.stdout.write(`Tandem listening on http://localhost:${server.port}\n`);
  }
  app.warmUp();

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(
      `${JSON.stringify({ level: 'info', message: `${signal}: shutting down` })}\n`,
    );
    const force = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  const message = isAppError(error)
    ? error.message
    : error instanceof Error
      ? error.stack
      : String(error);
  process.stderr.write(`Tandem failed to start: ${message}\n`);
  process.exit(1);
});
