import { AppError, isAppError, type Connection } from '@tandem/schema';
import type { LlmPort, LlmRequest, LlmResult, Logger } from '@tandem/nodes';
import type { SecretBox } from '../crypto/secret-box.js';
import { configInvalid, openConnection, type ResolvedConnection } from '../publish/connection.js';
import type { FetchLike } from '../http/safe-fetch.js';
import type { ConnectionTestResult } from '../publish/test-connection.js';
import { DEFAULT_OPENAI_MODEL } from './llm-from-env.js';
import { createOpenAiLlm } from './openai-llm.js';
import { endpointError } from './llm-endpoint-errors.js';

/*
 * AI steps reach a model through this port. Which model answers, in order:
 * 1. the LLM endpoint the step names (Settings, Connections; the step's "AI connection");
 * 2. the server's own model (OPENAI_API_KEY / OPENAI_BASE_URL), when one is configured;
 * 3. the workspace's LLM endpoint (the oldest one switched on), so adding one in Settings is
 *    all an admin does to leave offline mode;
 * 4. the offline provider.
 * An endpoint's traffic goes through the guarded HTTP client: its URL was typed in a browser,
 * so private addresses are refused at call time too, DNS answers included.
 */

export interface ConnectionLlmOptions {
  /** The server's own model from its environment (offline when none is configured). */
  base: LlmPort;
  connections: { get(id: string): Promise<Connection>; list(): Promise<Connection[]> };
  secretBox: SecretBox;
  /** The guarded client's fetch (createSafeFetch). */
  fetch: FetchLike;
  timeoutMs: number;
  logger?: Pick<Logger, 'warn'>;
  /** How long the workspace's endpoint is remembered; connection changes also forget it. */
  defaultTtlMs?: number;
  now?: () => number;
}

export interface ConnectionLlm extends LlmPort {
  /**
   * Settings' "Test connection": asks the endpoint's default model for a one-word answer, so
   * the address, the key and the model name are all checked. Costs a handful of tokens.
   */
  testEndpoint(connection: Connection): Promise<ConnectionTestResult>;
  /** "openai" when a model answers AI steps that name none; read fresh from the store. */
  currentProvider(): Promise<'offline' | 'openai'>;
  /** Forgets the remembered workspace endpoint: call after a connection is saved or deleted. */
  connectionsChanged(): void;
}

interface Cached {
  revision: number;
  llm: LlmPort;
}

const DEFAULT_TTL_MS = 10_000;

const isUsableLlm = (c: Connection) => c.kind === 'llm' && !c.disabled;

/** The step names an endpoint it cannot use: the flow needs fixing, retrying will not help. */
const refused = (message: string): AppError =>
  configInvalid(message, [{ path: ['connectionId'], message }]);

export function createConnectionLlm(options: ConnectionLlmOptions): ConnectionLlm {
  const { base } = options;
  const now = options.now ?? Date.now;
  const ttl = options.defaultTtlMs ?? DEFAULT_TTL_MS;
  const clients = new Map<string, Cached>();
  /** Which endpoint is the workspace's (null: none), chosen at `at`; never its key or state. */
  let remembered: { at: number; id: string | null } | null = null;
  /** Bumped by connectionsChanged, so a list read before a change cannot be remembered after. */
  let generation = 0;

  /** An endpoint with nowhere to send (no key, no address) cannot be the default. */
  const canAnswer = (c: Connection): boolean => {
    if (!isUsableLlm(c)) return false;
    if (typeof c.settings.baseUrl === 'string' && c.settings.baseUrl.trim()) return true;
    const { apiKey } = openConnection(options.secretBox, c).secrets;
    return typeof apiKey === 'string' && apiKey.trim() !== '';
  };

  async function workspaceEndpoint(): Promise<Connection | null> {
    if (remembered && now() - remembered.at < ttl) {
      if (remembered.id === null) return null;
      // Read afresh: switched off, deleted or re-keyed in another process counts at once.
      const current = await options.connections.get(remembered.id).catch((error: unknown) => {
        if (isAppError(error, 'NOT_FOUND')) return null;
        throw error;
      });
      if (current && canAnswer(current)) return current;
    }
    const asked = generation;
    const usable = (await options.connections.list()).filter(canAnswer);
    usable.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    const chosen = usable[0] ?? null;
    if (asked === generation) remembered = { at: now(), id: chosen?.id ?? null };
    return chosen;
  }

  function clientFor(connection: Connection): Cached {
    const cached = clients.get(connection.id);
    if (cached && cached.revision === connection.revision) return cached;
    const opened: ResolvedConnection = openConnection(options.secretBox, connection);
    const apiKey = typeof opened.secrets.apiKey === 'string' ? opened.secrets.apiKey : undefined;
    const baseUrl = typeof opened.settings.baseUrl === 'string' ? opened.settings.baseUrl : '';
    const model = typeof opened.settings.model === 'string' ? opened.settings.model.trim() : '';
    if (!apiKey && !baseUrl.trim()) {
      throw refused(`The LLM endpoint "${connection.name}" has neither an API key nor a base URL`);
    }
    const fresh: Cached = {
      revision: connection.revision,
      llm: createOpenAiLlm({
        apiKey,
        baseURL: baseUrl.trim() || undefined,
        defaultModel: model || DEFAULT_OPENAI_MODEL,
        timeoutMs: options.timeoutMs,
        logger: options.logger,
        fetch: options.fetch as typeof fetch,
      }),
    };
    clients.set(connection.id, fresh);
    return fresh;
  }

  async function named(connectionId: string): Promise<Connection> {
    let connection: Connection;
    try {
      connection = await options.connections.get(connectionId);
    } catch (error) {
      if (isAppError(error, 'NOT_FOUND')) {
        throw refused('The AI connection this step names no longer exists: choose another');
      }
      throw error;
    }
    if (connection.kind !== 'llm') {
      throw refused(`"${connection.name}" is not an LLM endpoint: choose one`);
    }
    if (connection.disabled) {
      throw new AppError({
        code: 'CONNECTION_DISABLED',
        message: `The LLM endpoint "${connection.name}" is disabled${
          connection.disabledReason ? `: ${connection.disabledReason}` : ''
        }`,
        origin: 'user',
        details: { connectionId },
      });
    }
    return connection;
  }

  async function complete(request: LlmRequest): Promise<LlmResult> {
    const { connectionId, ...rest } = request;
    let connection: Connection | null;
    if (connectionId) connection = await named(connectionId);
    else if (base.provider === 'openai') connection = null;
    else connection = await workspaceEndpoint();
    if (!connection) return base.complete(rest);
    try {
      // The openai client scrubs its key from what a model server sends back (createOpenAiLlm).
      return await clientFor(connection).llm.complete(rest);
    } catch (error) {
      throw endpointError(error, {
        name: connection.name,
        connectionId: connection.id,
        ...(rest.model ? { stepModel: rest.model } : {}),
      });
    }
  }

  async function testEndpoint(connection: Connection): Promise<ConnectionTestResult> {
    const started = Date.now();
    try {
      // Tested as given, even while switched off: that is how an admin checks a fix.
      const client = clientFor(connection);
      const answer = await client.llm.complete({
        messages: [{ role: 'user', content: 'Reply with the single word OK.' }],
        maxTokens: 16,
        output: { kind: 'text' },
        timeoutMs: 30_000,
      });
      return {
        ok: true,
        status: 200,
        durationMs: Date.now() - started,
        message: `The model ${answer.model} answered`,
      };
    } catch (error) {
      const appError = isAppError(error) ? error : null;
      const status = appError?.details.status;
      return {
        ok: false,
        status: typeof status === 'number' ? status : null,
        durationMs: Date.now() - started,
        message: appError?.message ?? 'The model call failed',
        ...(appError ? { code: appError.code } : {}),
      };
    }
  }

  return {
    testEndpoint,
    get provider() {
      return base.provider === 'openai' || remembered?.id ? 'openai' : base.provider;
    },
    defaultModel: base.defaultModel,
    complete,
    async currentProvider() {
      if (base.provider === 'openai') return 'openai';
      remembered = null;
      return (await workspaceEndpoint()) ? 'openai' : 'offline';
    },
    connectionsChanged() {
      generation += 1;
      remembered = null;
      // Rebuilt on the next call: a deleted endpoint's key does not stay in memory.
      clients.clear();
    },
  };
}
