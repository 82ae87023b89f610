import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError, notFound, type Connection } from '@tandem/schema';
import type { LlmPort, LlmRequest } from '@tandem/nodes';
import { createSecretBox, generateSecretKey } from '../crypto/secret-box.js';
import { createSafeFetch } from '../http/safe-fetch.js';
import { createSafeHttpClient, type SafeHttpClient } from '../http/safe-http.client.js';
import { sealConnectionSecrets } from '../publish/connection.js';
import { createConnectionLlm } from './connection-llm.js';
import { createOfflineLlm, OFFLINE_MODEL } from './offline-llm.js';
import { createOpenAiLlm } from './openai-llm.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './testing/fake-openai-server.js';

/*
 * AI steps reach LLM endpoints saved in Settings through the real openai SDK, over the guarded
 * HTTP client, to a real OpenAI-compatible server on 127.0.0.1.
 */

const box = createSecretBox(generateSecretKey());
const ask = (extra: Partial<LlmRequest> = {}): LlmRequest => ({
  messages: [{ role: 'user', content: 'Write a line about spring.' }],
  output: { kind: 'text' },
  ...extra,
});

let endpoint: FakeOpenAiServer;
let serverModel: FakeOpenAiServer;
let http: SafeHttpClient;
let rows: Map<string, Connection>;
let clock: number;
let counter = 0;

function save(
  kind: Connection['kind'],
  settings: Record<string, unknown>,
  secrets: Record<string, unknown>,
  extra: Partial<Connection> = {},
): Connection {
  counter += 1;
  const id = extra.id ?? `con_${counter}`;
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, counter)).toISOString();
  const row: Connection = {
    id,
    kind,
    name: `Endpoint ${counter}`,
    settings: settings as Connection['settings'],
    secretsCiphertext: sealConnectionSecrets(box, id, secrets),
    disabled: false,
    disabledReason: null,
    createdAt: at,
    updatedAt: at,
    revision: 0,
    ...extra,
  };
  rows.set(id, row);
  return row;
}

const connections = {
  get: async (id: string) => {
    const row = rows.get(id);
    if (!row) throw notFound('Connection', id);
    return row;
  },
  list: async () => [...rows.values()],
};

function router(base: LlmPort = createOfflineLlm(), client: SafeHttpClient = http) {
  return createConnectionLlm({
    base,
    connections,
    secretBox: box,
    fetch: createSafeFetch(client),
    timeoutMs: 5_000,
    now: () => clock,
  });
}

const authOf = (server: FakeOpenAiServer) => server.requests.map((r) => r.headers.authorization);

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

beforeEach(async () => {
  endpoint = await startFakeOpenAiServer();
  serverModel = await startFakeOpenAiServer();
  http = createSafeHttpClient({ allowPrivateNetwork: true, failureCode: 'LLM_ERROR' });
  rows = new Map();
  clock = 0;
});

afterEach(async () => {
  http.close();
  await Promise.all([endpoint.close(), serverModel.close()]);
});

describe('AI steps and LLM endpoints', () => {
  it('stays offline while no endpoint is saved, and answers from one as soon as it is', async () => {
    const llm = router();
    await expect(llm.currentProvider()).resolves.toBe('offline');
    expect((await llm.complete(ask())).model).toBe(OFFLINE_MODEL);

    save('llm', { baseUrl: endpoint.baseURL, model: 'team-model' }, { apiKey: 'sk-team-1234' });
    llm.connectionsChanged();
    const result = await llm.complete(ask());
    expect(result.model).toBe('team-model');
    expect(endpoint.requests).toHaveLength(1);
    expect(endpoint.requests[0]!.body).toMatchObject({ model: 'team-model' });
    expect(authOf(endpoint)).toEqual(['Bearer sk-team-1234']);
    await expect(llm.currentProvider()).resolves.toBe('openai');
    expect(llm.provider).toBe('openai');
  });

  it('notices an endpoint saved by another process within its remembering time', async () => {
    const llm = router();
    await llm.complete(ask());
    save('llm', { baseUrl: endpoint.baseURL }, {});
    await llm.complete(ask());
    expect(endpoint.requests).toHaveLength(0);
    clock += 10_000;
    await llm.complete(ask());
    expect(endpoint.requests).toHaveLength(1);
  });

  it('stops using the default endpoint at once when another process switches it off', async () => {
    const saved = save('llm', { baseUrl: endpoint.baseURL, model: 'team-model' }, {});
    const llm = router();
    expect((await llm.complete(ask())).model).toBe('team-model');
    // Switched off by another server: this one is not told, and its TTL has not run out.
    rows.set(saved.id, { ...saved, disabled: true, revision: 1 });
    expect((await llm.complete(ask())).model).toBe(OFFLINE_MODEL);
    rows.delete(saved.id);
    expect((await llm.complete(ask())).model).toBe(OFFLINE_MODEL);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('never makes an endpoint with neither key nor address the default', async () => {
    save('llm', {}, {});
    save('llm', { baseUrl: endpoint.baseURL, model: 'usable' }, {});
    expect((await router().complete(ask())).model).toBe('usable');
  });

  it('uses the oldest endpoint switched on; a step may name another', async () => {
    save('llm', { baseUrl: endpoint.baseURL }, {}, { disabled: true, disabledReason: 'Gone' });
    const first = save('llm', { baseUrl: endpoint.baseURL, model: 'first' }, {});
    const second = save('llm', { baseUrl: serverModel.baseURL, model: 'second' }, {});
    save('webhook', { url: 'https://example.com/hook' }, {});
    const llm = router();
    expect((await llm.complete(ask())).model).toBe('first');
    expect((await llm.complete(ask({ connectionId: second.id }))).model).toBe('second');
    expect((await llm.complete(ask({ connectionId: first.id, model: 'other' }))).model).toBe(
      'other',
    );
    expect(serverModel.requests).toHaveLength(1);
  });

  it("prefers the server's own model to the workspace's endpoint, unless a step names one", async () => {
    const base = createOpenAiLlm({
      baseURL: serverModel.baseURL,
      defaultModel: 'server-model',
      timeoutMs: 5_000,
    });
    const saved = save('llm', { baseUrl: endpoint.baseURL, model: 'team-model' }, {});
    const llm = router(base);
    expect((await llm.complete(ask())).model).toBe('server-model');
    expect((await llm.complete(ask({ connectionId: saved.id }))).model).toBe('team-model');
    expect([serverModel.requests.length, endpoint.requests.length]).toEqual([1, 1]);
  });

  it('uses an endpoint’s new key once it is saved again', async () => {
    const saved = save('llm', { baseUrl: endpoint.baseURL }, { apiKey: 'sk-old-0001' });
    const llm = router();
    await llm.complete(ask({ connectionId: saved.id }));
    save(
      'llm',
      { baseUrl: endpoint.baseURL },
      { apiKey: 'sk-new-0002' },
      {
        ...saved,
        id: saved.id,
        revision: 1,
        secretsCiphertext: sealConnectionSecrets(box, saved.id, { apiKey: 'sk-new-0002' }),
      },
    );
    await llm.complete(ask({ connectionId: saved.id }));
    expect(authOf(endpoint)).toEqual(['Bearer sk-old-0001', 'Bearer sk-new-0002']);
  });

  it('fails the step, for the designer to fix, when its endpoint is gone, another kind or off', async () => {
    const hook = save('webhook', { url: 'https://example.com/hook' }, {});
    const off = save(
      'llm',
      { baseUrl: endpoint.baseURL },
      {},
      { disabled: true, disabledReason: 'Key revoked' },
    );
    const llm = router();
    const gone = await refusal(llm.complete(ask({ connectionId: 'con_gone' })));
    expect([gone.code, gone.origin, gone.retryable]).toEqual(['CONFIG_INVALID', 'user', false]);
    expect(gone.details.issues).toEqual([{ path: ['connectionId'], message: gone.message }]);
    const wrong = await refusal(llm.complete(ask({ connectionId: hook.id })));
    expect(wrong.message).toMatch(/is not an LLM endpoint/);
    const disabled = await refusal(llm.complete(ask({ connectionId: off.id })));
    expect([disabled.code, disabled.message]).toEqual([
      'CONNECTION_DISABLED',
      `The LLM endpoint "${off.name}" is disabled: Key revoked`,
    ]);
    expect(endpoint.requests).toHaveLength(0);
  });

  it('refuses a private address for good, without retrying, when private networks are not allowed', async () => {
    const guarded = createSafeHttpClient({ allowPrivateNetwork: false, failureCode: 'LLM_ERROR' });
    try {
      const saved = save('llm', { baseUrl: endpoint.baseURL }, { apiKey: 'sk-x-0003' });
      const error = await refusal(
        router(createOfflineLlm(), guarded).complete(ask({ connectionId: saved.id })),
      );
      expect([error.code, error.retryable]).toEqual(['URL_FORBIDDEN', false]);
      // The endpoint's address is an admin's to fix, not the flow's.
      expect(error.origin).toBe('system');
      expect(error.message).toMatch(
        new RegExp(`^The AI endpoint "${saved.name}" has an address Tandem may not call \\(`),
      );
      expect(error.message).toMatch(/an admin can fix it in Settings → Connections\.$/);
      expect(error.details.connectionId).toBe(saved.id);
      expect(endpoint.requests).toHaveLength(0);
    } finally {
      guarded.close();
    }
  });

  it('keeps the API key out of the error a model server sends back', async () => {
    const saved = save('llm', { baseUrl: endpoint.baseURL }, { apiKey: 'sk-secret-9876' });
    endpoint.enqueue({
      kind: 'error',
      status: 401,
      message: 'Incorrect API key provided: sk-secret-9876',
    });
    const error = await refusal(router().complete(ask({ connectionId: saved.id })));
    expect(error.message).not.toContain('sk-secret-9876');
    expect(error.message).toContain('Incorrect API key provided');
  });

  it('names the endpoint and the admin’s fix when it refuses the key', async () => {
    const saved = save('llm', { baseUrl: endpoint.baseURL }, { apiKey: 'sk-old-1' });
    endpoint.enqueue({ kind: 'error', status: 401, message: 'Incorrect API key provided' });
    const error = await refusal(router().complete(ask({ connectionId: saved.id })));
    expect([error.code, error.origin, error.retryable]).toEqual(['LLM_ERROR', 'system', false]);
    expect(error.message).toBe(
      `The AI endpoint "${saved.name}" refused the key (401: Incorrect API key provided): an admin can fix it in Settings → Connections.`,
    );
  });

  it('says whose model is unknown: the endpoint’s default (admin) or the step’s (designer)', async () => {
    const saved = save('llm', { baseUrl: endpoint.baseURL, model: 'gpt-9' }, { apiKey: 'sk-1' });
    const llm = router();
    endpoint.enqueue({ kind: 'error', status: 404, message: 'The model gpt-9 does not exist' });
    const theirs = await refusal(llm.complete(ask({ connectionId: saved.id })));
    expect(theirs.origin).toBe('system');
    expect(theirs.message).toMatch(
      new RegExp(
        `^The AI endpoint "${saved.name}" does not know its model "gpt-9".*Settings → Connections\\.$`,
      ),
    );
    endpoint.enqueue({ kind: 'error', status: 404, message: 'The model gpt-x does not exist' });
    const mine = await refusal(llm.complete(ask({ connectionId: saved.id, model: 'gpt-x' })));
    expect(mine.origin).toBe('user');
    expect(mine.message).toMatch(
      /does not know the model "gpt-x" this step names.*choose another model in the step\.$/,
    );
  });

  it('names the endpoint it could not reach, and leaves it to the retries', async () => {
    const closed = await startFakeOpenAiServer();
    await closed.close();
    const saved = save('llm', { baseUrl: closed.baseURL }, { apiKey: 'sk-1' });
    const error = await refusal(router().complete(ask({ connectionId: saved.id })));
    expect([error.code, error.origin, error.retryable]).toEqual(['LLM_ERROR', 'system', true]);
    expect(error.message).toMatch(new RegExp(`^Could not reach the AI endpoint "${saved.name}"`));
  });
});
