import { createHash } from 'node:crypto';
import type { StorePort } from '@tandem/schema';
import type { Clock, LlmPort, Logger, PublisherPort } from '@tandem/nodes';
import {
  createConnectionLlm,
  createConnectionResolver,
  createLlmFromEnv,
  createSafeFetch,
  createSafeHttpClient,
  createPublisher,
  createThreadedHttpClient,
  createSecretBox,
  parseSecretKey,
} from '@tandem/connectors';
import type { ConnectionLlm, PublisherOptions, SecretBox } from '@tandem/connectors';
import type { Config } from './config.js';
import { resolveSecretKey } from './secret-key.js';

export interface Ports {
  /** Routes each AI call to the step's LLM endpoint, the server's model or the workspace's. */
  llm: ConnectionLlm;
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

/** An AI step may wait up to 10 minutes for its model (its `timeoutSeconds`). */
const LLM_HTTP_TIMEOUT_MS = 11 * 60_000;
const LLM_TIMEOUT_MS = 60_000;

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
  const serverModel =
    deps.overrides.llm ??
    createLlmFromEnv(
      {
        OPENAI_API_KEY: config.openai.apiKey,
        OPENAI_BASE_URL: config.openai.baseUrl,
        TANDEM_MODEL: config.openai.model,
      },
      { logger },
    );
  // An LLM endpoint's address was typed in a browser: its calls get the publishers' checks.
  // The SDK's own timeout (the step's) ends a call first; this bound only backs it up.
  const llmHttp = createSafeHttpClient({
    allowPrivateNetwork: config.allowPrivateNetwork,
    timeoutMs: LLM_HTTP_TIMEOUT_MS,
    maxResponseBytes: 8 * 1024 * 1024,
    failureCode: 'LLM_ERROR',
  });
  const llm = createConnectionLlm({
    base: serverModel,
    connections: store.connections,
    secretBox,
    fetch: createSafeFetch(llmHttp),
    timeoutMs: LLM_TIMEOUT_MS,
    logger,
  });
  return {
    llm,
    publisher: deps.overrides.publisher ?? createPublisher(publisherOptions),
    secretBox,
    publisherOptions,
    warmUp: () => http.warm(),
  };
}
