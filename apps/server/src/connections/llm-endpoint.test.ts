import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '@tandem/connectors';
import { publishFlow, startTestServer, waitFor } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { reviewFlow, startSink, type Sink } from '../testing/fixtures.js';

/*
 * The offline banner tells an admin to add an LLM endpoint in Settings: doing so must take AI
 * steps out of offline mode at once, through the real openai SDK to a real compatible server.
 */

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;
let model: FakeOpenAiServer;
let sink: Sink;
const API_KEY = 'sk-team-endpoint-5150';

beforeAll(async () => {
  model = await startFakeOpenAiServer();
  sink = await startSink();
  server = await startTestServer({ env: { TANDEM_ALLOW_PRIVATE_NETWORK: 'true' } });
  t = await server.tokens();
});
afterAll(async () => {
  await server.close();
  await Promise.all([model.close(), sink.close()]);
});

const aiStatus = async () =>
  (await server.request('GET', '/api/health', { token: t.reviewer })).body.ai as string;

async function draftOf(flowId: string): Promise<{ model: string; text: string }> {
  const started = await server.request('POST', `/api/flows/${flowId}/runs`, {
    token: t.designer,
    body: { input: { topic: 'spring launch' } },
  });
  expect(started.status).toBe(201);
  return waitFor(async () => {
    const run = await server.request('GET', `/api/runs/${started.body.id}`, { token: t.designer });
    const draft = run.body.steps?.find((s: { nodeId: string }) => s.nodeId === 'draft');
    return draft?.status === 'done' ? draft.output : undefined;
  });
}

describe('an LLM endpoint saved in Settings', () => {
  it('answers AI steps as soon as it is saved, and the health check stops saying offline', async () => {
    const flowId = await publishFlow(server, t.designer, reviewFlow(sink.url));
    await expect(aiStatus()).resolves.toBe('offline');
    expect((await draftOf(flowId)).model).toBe('offline');

    const saved = await server.request('POST', '/api/connections', {
      token: t.admin,
      body: {
        kind: 'llm',
        name: 'Team model',
        settings: { baseUrl: model.baseURL, model: 'team-model' },
        secrets: { apiKey: API_KEY },
      },
    });
    expect(saved.status).toBe(201);
    await expect(aiStatus()).resolves.toBe('openai');

    const draft = await draftOf(flowId);
    expect(draft.model).toBe('team-model');
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.stringify(model.requests[0]!.body)).toContain('spring launch');

    // Switched off, it no longer answers: AI is offline again.
    const off = await server.request('PUT', `/api/connections/${saved.body.id}`, {
      token: t.admin,
      body: { revision: saved.body.revision, disabled: true },
    });
    expect(off.status).toBe(200);
    await expect(aiStatus()).resolves.toBe('offline');
    expect((await draftOf(flowId)).model).toBe('offline');
    expect(model.requests).toHaveLength(1);
  });

  it('is tested with a one-word question to its model; a refused key is reported, not echoed', async () => {
    const saved = await server.request('POST', '/api/connections', {
      token: t.admin,
      body: {
        kind: 'llm',
        name: 'Tested model',
        settings: { baseUrl: model.baseURL, model: 'tested-model' },
        secrets: { apiKey: API_KEY },
      },
    });
    const before = model.requests.length;
    const ok = await server.request('POST', `/api/connections/${saved.body.id}/test`, {
      token: t.admin,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, message: 'The model tested-model answered' });
    expect(model.requests.slice(before).map((r) => (r.body as { model: string }).model)).toEqual([
      'tested-model',
    ]);

    model.enqueue({ kind: 'error', status: 401, message: `Incorrect API key: ${API_KEY}` });
    const refused = await server.request('POST', `/api/connections/${saved.body.id}/test`, {
      token: t.admin,
    });
    expect(refused.body).toMatchObject({ ok: false, status: 401, code: 'LLM_ERROR' });
    expect(JSON.stringify(refused.body)).not.toContain(API_KEY);
    const designer = await server.request('POST', `/api/connections/${saved.body.id}/test`, {
      token: t.designer,
    });
    expect(designer.status).toBe(403);
  });
});
