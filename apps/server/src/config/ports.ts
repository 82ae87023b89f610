import { createHash } from 'node:crypto';
import type { StorePort } from '@tandem/schema';
import type { Clock, LlmPort, Logger, PublisherPort } from '@tandem/nodes';
import {
  createConnectionResolver,
  createLlmFromEnv,
  createPublisher,
  createThreadedHttpClient,
  createSecretBox,
  parseSecretKey,
} from '@tandem/connectors';
import type { PublisherOptions, SecretBox } from '@tandem/connectors';
import type { Config } from './config.js';
import { resolveSecretKey } from './secret-key.js';

export interface Ports {
  llm: LlmPort;
  publisher: PublisherPort;
  secretBox: SecretBox;
  publisherOptions: PublisherOptions;
  /** Starts now what the first publish would otherwise wait for: the HTTP thread. */
  warmUp(): void;
}

/**
 * TANDEM_SECRET_KEY may be 32 base64/hex bytes or any 32+ character passphrase; a passphrase
 * is stretched to a key with SHA-256 so both forms work. (`pnpm restore` uses it too, to check
 * a backup's key opens its connections as the server will.)
 */
export function keyMaterial(secret: string): string {
  try {
    parseSecretKey(secret);
    return secret;
  } catch {
    return createHash('sha256').update(secret, 'utf8').digest('base64');
  }
}

/** The outside world as the engine sees it: the LLM, the publishers and the secrets they use. */
export function createPorts(deps: {
  config: Config;
  store: StorePort;
  logger: Logger;
  clock: Clock;
  overrides: { llm?: LlmPort; publisher?: PublisherPort };
  onConnectionGone: (connectionId: string, reason: string) => Promise<void>;
}): Ports {
  const { config, store, logger, clock } = deps;
  const secretBox = createSecretBox(keyMaterial(resolveSecretKey(config, logger)));
  // Sent from a worker thread: the engine's event loop is what limits it under load.
  const http = createThreadedHttpClient({ allowPrivateNetwork: config.allowPrivateNetwork });
  const publisherOptions: PublisherOptions = {
    http,
    resolveConnection: createConnectionResolver({ connections: store.connections, secretBox }),
    logger,
    clock,
    onConnectionGone: deps.onConnectionGone,
  };
  const llm =
    deps.overrides.llm ??
    createLlmFromEnv(
      {
        OPENAI_API_KEY: config.openai.apiKey,
        OPENAI_BASE_URL: config.openai.baseUrl,
        TANDEM_MODEL: config.openai.model,
      },
      { logger },
    );
  return {
    llm,
    publisher: deps.overrides.publisher ?? createPublisher(publisherOptions),
    secretBox,
    publisherOptions,
    warmUp: () => http.warm(),
  };
}
