import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

/* An LLM endpoint with neither a key nor an address has nowhere to send: it is refused. */

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
});
afterAll(() => server.close());

const NEEDS_ONE = {
  path: ['secrets', 'apiKey'],
  message: 'Give the endpoint an API key, or the address of a model server that needs none',
};

const create = (body: Record<string, unknown>) =>
  server.request('POST', '/api/connections', { token: t.admin, body: { kind: 'llm', ...body } });

const update = (id: string, body: Record<string, unknown>) =>
  server.request('PUT', `/api/connections/${id}`, { token: t.admin, body });

describe('an LLM endpoint', () => {
  it('is refused with neither an API key nor an address, naming the API key field', async () => {
    for (const body of [
      { name: 'Nothing' },
      { name: 'Blank', settings: { baseUrl: '', model: 'm' }, secrets: { apiKey: '   ' } },
    ]) {
      const res = await create(body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues).toEqual([NEEDS_ONE]);
    }
  });

  it('is saved with a key alone or an address alone', async () => {
    expect((await create({ name: 'Key', secrets: { apiKey: 'sk-only-key' } })).status).toBe(201);
    const local = await create({
      name: 'Local',
      settings: { baseUrl: 'https://llm.example.com/v1' },
    });
    expect(local.status).toBe(201);
  });

  it('keeps its stored key through an update that does not send it, and refuses one removing it', async () => {
    const created = await create({ name: 'Kept', secrets: { apiKey: 'sk-kept-key-1234' } });
    const id = created.body.id as string;

    const renamed = await update(id, { name: 'Kept, renamed', settings: { model: 'other' } });
    expect(renamed.status).toBe(200);
    // The browser sends back the masked value it read: the stored key stays.
    const resent = await update(id, { secrets: renamed.body.secrets });
    expect(resent.status).toBe(200);

    const removed = await update(id, { secrets: { apiKey: null } });
    expect(removed.status).toBe(400);
    expect(removed.body.error.details.issues).toEqual([NEEDS_ONE]);
    const addressGone = await update(id, { settings: {}, secrets: { apiKey: '' } });
    expect(addressGone.status).toBe(400);
  });

  it('loses its key with an address left, or when it is switched off', async () => {
    const created = await create({
      name: 'Address and key',
      settings: { baseUrl: 'https://llm.example.com/v1' },
      secrets: { apiKey: 'sk-both-1234' },
    });
    const id = created.body.id as string;
    expect((await update(id, { secrets: { apiKey: null } })).status).toBe(200);
    // Off, it sends nothing: an endpoint saved before this rule can still be switched off.
    const off = await update(id, { settings: {}, disabled: true });
    expect(off.status).toBe(200);
    expect((await update(id, { disabled: false })).status).toBe(400);
  });
});
