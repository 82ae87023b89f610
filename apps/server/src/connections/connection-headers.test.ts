import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, StorePort } from '@tandem/schema';
import { createMemoryStore } from '@tandem/store';
import { createSecretBox, generateSecretKey, sealConnectionSecrets } from '@tandem/connectors';
import { startTestServer } from '../testing/harness.js';
import type { Loose, TestServer } from '../testing/harness.js';

/*
 * A webhook connection's header values are API keys: sealed at rest, masked in every answer,
 * sent for real to the receiver. The sink records what each delivery carried.
 */

const KEY = 'sk-live-0123456789abcdef-KEY1';
const TOKEN = 'Bearer tok-0123456789abcdef-TOK1';
const LEGACY = 'legacy-0123456789abcdef-OLD1';
const SECRET_KEY = generateSecretKey();
const box = createSecretBox(SECRET_KEY);

let server: TestServer;
let store: StorePort;
let admin: string;
let sink: Server;
let sinkUrl: string;
const received: IncomingHttpHeaders[] = [];

/** A row as a server before this change saved it: header values in plain-text settings. */
function legacyRow(id: string, url: string, headers: Record<string, string>): Connection {
  const now = new Date().toISOString();
  return {
    id,
    kind: 'webhook',
    name: `Legacy ${id}`,
    settings: { url, headers },
    secretsCiphertext: sealConnectionSecrets(box, id, {}),
    disabled: false,
    disabledReason: null,
    createdAt: now,
    updatedAt: now,
    revision: 0,
  };
}

const api = (method: string, path: string, body?: unknown) =>
  server.request(method, path, { token: admin, ...(body === undefined ? {} : { body }) });

/** Presses "Test connection" and returns the headers the receiver got. */
async function deliveredHeaders(id: string): Promise<IncomingHttpHeaders> {
  const before = received.length;
  const res = await api('POST', `/api/connections/${id}/test`);
  expect(res.body.ok).toBe(true);
  expect(received.length).toBe(before + 1);
  return received.at(-1)!;
}

function expectNoValues(body: Loose, ...values: string[]) {
  for (const value of values) expect(JSON.stringify(body)).not.toContain(value);
}

beforeAll(async () => {
  sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hook`;
  store = createMemoryStore();
  await store.connections.create(legacyRow('con_legacy_start', sinkUrl, { 'X-Api-Key': LEGACY }));
  server = await startTestServer({
    env: { TANDEM_ALLOW_PRIVATE_NETWORK: 'true', TANDEM_SECRET_KEY: SECRET_KEY },
    overrides: { store },
  });
  admin = await server.login('admin@example.com');
});
afterAll(async () => {
  await server.close();
  sink.close();
});

describe('webhook connection headers', () => {
  let id: string;

  it('seals header values and shows only their names with masked values', async () => {
    const created = await api('POST', '/api/connections', {
      kind: 'webhook',
      name: 'Keyed CMS',
      settings: { url: sinkUrl },
      headers: { 'X-Api-Key': KEY, Authorization: TOKEN },
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body.headers).toEqual({
      'X-Api-Key': '••••••••KEY1',
      Authorization: '••••••••TOK1',
    });
    expect(created.body.settings).toEqual({ url: sinkUrl });
    expectNoValues(created.body, KEY, TOKEN);
    expectNoValues((await api('GET', `/api/connections/${id}`)).body, KEY, TOKEN);
    expectNoValues((await api('GET', '/api/connections')).body, KEY, TOKEN);
    const stored = await store.connections.get(id);
    expect(stored.settings).toEqual({ url: sinkUrl });
    expectNoValues(stored, KEY, TOKEN);
    expectNoValues((await store.audit.list({ subjectId: id })).items, KEY, TOKEN);
  });

  it('sends the real values from the test button and from a run', async () => {
    const tested = await deliveredHeaders(id);
    expect(tested['x-api-key']).toBe(KEY);
    expect(tested.authorization).toBe(TOKEN);

    const designer = await server.login('designer@example.com');
    const flow = await server.request('POST', '/api/flows', {
      token: designer,
      body: {
        name: 'Keyed publish',
        graph: {
          nodes: [
            {
              id: 'start',
              type: 'trigger.manual',
              position: { x: 0, y: 0 },
              config: {
                fields: [
                  { name: 'text', label: 'Text', kind: 'text', required: true, options: [] },
                ],
              },
            },
            {
              id: 'publish',
              type: 'publish.webhook',
              position: { x: 280, y: 0 },
              config: { connectionId: id },
            },
          ],
          edges: [{ id: 'e1', source: 'start', target: 'publish' }],
        },
      },
    });
    await server.request('POST', `/api/flows/${flow.body.id}/publish`, { token: designer });
    const before = received.length;
    const run = await server.request('POST', `/api/flows/${flow.body.id}/runs`, {
      token: designer,
      body: { input: { text: 'Launch day' } },
    });
    expect(run.status).toBe(201);
    const until = Date.now() + 10_000;
    while (received.length === before && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(received.at(-1)?.['idempotency-key']).toBe(`${run.body.id}:publish`);
    expect(received.at(-1)?.['x-api-key']).toBe(KEY);
  });

  it('keeps a header sent back blank or masked, replaces a new value, removes a left-out one', async () => {
    const renamed = await api('PUT', `/api/connections/${id}`, { name: 'Keyed CMS v2' });
    expect(renamed.body.headers).toEqual({
      'X-Api-Key': '••••••••KEY1',
      Authorization: '••••••••TOK1',
    });
    const kept = await api('PUT', `/api/connections/${id}`, {
      headers: { 'X-Api-Key': renamed.body.headers['X-Api-Key'], Authorization: '' },
    });
    expect(kept.status).toBe(200);
    let sent = await deliveredHeaders(id);
    expect([sent['x-api-key'], sent.authorization]).toEqual([KEY, TOKEN]);

    const rotated = 'sk-live-fedcba9876543210-KEY2';
    const changed = await api('PUT', `/api/connections/${id}`, {
      headers: { 'X-Api-Key': rotated, 'X-Env': 'production' },
    });
    expect(changed.body.headers).toEqual({ 'X-Api-Key': '••••••••KEY2', 'X-Env': '••••••••' });
    expectNoValues(changed.body, rotated);
    sent = await deliveredHeaders(id);
    expect([sent['x-api-key'], sent['x-env'], sent.authorization]).toEqual([
      rotated,
      'production',
      undefined,
    ]);

    const cleared = await api('PUT', `/api/connections/${id}`, { headers: {} });
    expect(cleared.body.headers).toEqual({});
    expect((await deliveredHeaders(id))['x-api-key']).toBeUndefined();
  });

  it('asks for header values again when the address moves to another host', async () => {
    const made = await api('POST', '/api/connections', {
      kind: 'webhook',
      name: 'Moving CMS',
      settings: { url: sinkUrl },
      headers: { 'X-Api-Key': KEY },
    });
    const movedId = made.body.id as string;
    const samePlace = await api('PUT', `/api/connections/${movedId}`, {
      settings: { url: `${sinkUrl}/v2` },
    });
    expect(samePlace.status).toBe(200);
    expect(samePlace.body.headers).toEqual({ 'X-Api-Key': '••••••••KEY1' });

    const elsewhere = sinkUrl.replace('127.0.0.1', 'localhost');
    for (const headers of [undefined, { 'X-Api-Key': '' }, { 'X-Api-Key': '••••••••KEY1' }]) {
      const res = await api('PUT', `/api/connections/${movedId}`, {
        settings: { url: elsewhere },
        ...(headers ? { headers } : {}),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0]).toMatchObject({
        path: ['headers', 'X-Api-Key'],
        message: 'Enter this value again: the address moved to another host',
      });
    }
    const reentered = await api('PUT', `/api/connections/${movedId}`, {
      settings: { url: elsewhere },
      headers: { 'X-Api-Key': KEY },
    });
    expect(reentered.status).toBe(200);
    expect((await deliveredHeaders(movedId))['x-api-key']).toBe(KEY);
  });

  it('refuses a new header without a value and bad names, with field paths', async () => {
    const blank = await api('PUT', `/api/connections/${id}`, { headers: { 'X-New': null } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.issues[0].path).toEqual(['headers', 'X-New']);
    const badName = await api('PUT', `/api/connections/${id}`, { headers: { 'Bad Name': 'v' } });
    expect(badName.status).toBe(400);
    expect(badName.body.error.details.issues[0].path).toEqual(['headers', 'Bad Name']);
    const smtp = await api('POST', '/api/connections', {
      kind: 'smtp',
      name: 'Mail',
      settings: { host: 'smtp.example.com', from: 'a@example.com' },
      headers: { 'X-Api-Key': KEY },
    });
    expect(smtp.status).toBe(400);
  });

  it('takes headers sent the old way, in settings, and seals them', async () => {
    const res = await api('POST', '/api/connections', {
      kind: 'webhook',
      name: 'Old client',
      settings: { url: sinkUrl, headers: { 'X-Api-Key': KEY } },
    });
    expect(res.status).toBe(201);
    expect(res.body.headers).toEqual({ 'X-Api-Key': '••••••••KEY1' });
    expect((await store.connections.get(res.body.id)).settings).toEqual({ url: sinkUrl });
  });
});

describe('connections saved with plain-text headers', () => {
  it('are sealed when the server starts, and still publish', async () => {
    const row = await store.connections.get('con_legacy_start');
    expect(row.settings).toEqual({ url: sinkUrl });
    expect(row.revision).toBe(1);
    expectNoValues(row, LEGACY);
    expect(box.open(row.secretsCiphertext, 'connection:con_legacy_start')).toEqual({
      headers: { 'X-Api-Key': LEGACY },
    });
    const audit = await store.audit.list({ subjectId: 'con_legacy_start' });
    expect(audit.items.map((e) => e.action)).toEqual(['connection.headers_sealed']);
    expectNoValues(audit.items, LEGACY);
    expect((await deliveredHeaders('con_legacy_start'))['x-api-key']).toBe(LEGACY);
  });

  it('written while the server runs are never shown, still publish and move on save', async () => {
    await store.connections.create(legacyRow('con_legacy_live', sinkUrl, { 'X-Api-Key': LEGACY }));
    const one = await api('GET', '/api/connections/con_legacy_live');
    expect(one.body.headers).toEqual({ 'X-Api-Key': '••••••••OLD1' });
    expect(one.body.settings).toEqual({ url: sinkUrl });
    expectNoValues(one.body, LEGACY);
    expectNoValues((await api('GET', '/api/connections')).body, LEGACY);
    expect((await deliveredHeaders('con_legacy_live'))['x-api-key']).toBe(LEGACY);

    const saved = await api('PUT', '/api/connections/con_legacy_live', { name: 'Renamed' });
    expect(saved.body.headers).toEqual({ 'X-Api-Key': '••••••••OLD1' });
    const row = await store.connections.get('con_legacy_live');
    expect(row.settings).toEqual({ url: sinkUrl });
    expectNoValues(row, LEGACY);
    expect((await deliveredHeaders('con_legacy_live'))['x-api-key']).toBe(LEGACY);
  });
});
