import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '@tandem/connectors';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

/*
 * Settings tests an LLM endpoint before saving it: a wrong address or key saved untested took AI
 * out of offline mode for everyone and failed the next run. The test stores nothing.
 */

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;
let model: FakeOpenAiServer;

beforeAll(async () => {
  model = await startFakeOpenAiServer();
  server = await startTestServer({ env: { TANDEM_ALLOW_PRIVATE_NETWORK: 'true' } });
  t = await server.tokens();
});
afterAll(async () => {
  await server.close();
  await model.close();
});

const draftTest = (body: Record<string, unknown>, token = t.admin) =>
  server.request('POST', '/api/connections/llm-test', { token, body });

describe('testing an LLM endpoint before it is saved', () => {
  it('fails for an address that does not answer, and saves nothing', async () => {
    const res = await draftTest({
      settings: { baseUrl: 'https://llm.example.invalid/v1' },
      secrets: { apiKey: 'sk-bad' },
    });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.message).toEqual(expect.any(String));
    const list = await server.request('GET', '/api/connections', { token: t.admin });
    expect(list.body.items).toEqual([]);
    await expect(
      server.request('GET', '/api/health', { token: t.admin }).then((r) => r.body.ai),
    ).resolves.toBe('offline');
  });

  it('answers through a working endpoint with the key typed, and is for admins only', async () => {
    const body = { settings: { baseUrl: model.baseURL, model: 'm1' }, secrets: { apiKey: 'sk-1' } };
    expect((await draftTest(body, t.designer)).status).toBe(403);
    const res = await draftTest(body);
    expect(res.body).toMatchObject({ ok: true, message: 'The model m1 answered' });
    expect(model.requests.at(-1)?.headers.authorization).toBe('Bearer sk-1');
  });

  it('uses the stored key of the endpoint being edited, but never sends it to another host', async () => {
    const saved = await server.request('POST', '/api/connections', {
      token: t.admin,
      body: {
        kind: 'llm',
        name: 'Team model',
        settings: { baseUrl: model.baseURL, model: 'm1' },
        secrets: { apiKey: 'sk-stored-2' },
      },
    });
    expect(saved.status).toBe(201);
    const res = await draftTest({
      connectionId: saved.body.id,
      settings: { baseUrl: model.baseURL, model: 'm2' },
    });
    expect(res.body).toMatchObject({ ok: true, message: 'The model m2 answered' });
    expect(model.requests.at(-1)?.headers.authorization).toBe('Bearer sk-stored-2');

    const moved = await draftTest({
      connectionId: saved.body.id,
      settings: { baseUrl: 'https://elsewhere.example.net/v1' },
    });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details.issues).toContainEqual(
      expect.objectContaining({ path: ['secrets', 'apiKey'] }),
    );
  });

  it('refuses a draft with nowhere to send, naming the API key field', async () => {
    const res = await draftTest({ settings: {}, secrets: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toEqual(['secrets', 'apiKey']);
  });
});
