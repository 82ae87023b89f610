import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '@tandem/schema';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

// What people who may not change flows (reviewers, managers) are shown of them.
let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer({ env: { TANDEM_SEED: 'demo' } });
  t = await server.tokens();
});
afterAll(() => server.close());

describe('header values and body templates in flow data', () => {
  const headers = [
    { name: 'Authorization', value: 'Bearer s3cret' },
    // Not a credential by its name, but a receiver may take its key under any name.
    { name: 'X-Source', value: 'k3y-under-a-plain-name' },
  ];
  // Some receivers take their key in the body, and designers paste it into the template.
  const bodyTemplate = '{ "api_key": "b0dy-s3cret", "text": {{ content.text | json }} }';
  const graph: Graph = {
    nodes: [
      { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
      {
        id: 'send',
        type: 'publish.webhook',
        position: { x: 300, y: 0 },
        config: { url: 'https://hooks.example.com/in', headers, bodyTemplate },
      },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'send' }],
  };
  type Config = { headers?: unknown; bodyTemplate?: unknown };
  type Shown = { graph: { nodes: { id: string; config: Config }[] } };
  const configOf = (item: Shown) => item.graph.nodes.find((n) => n.id === 'send')!.config;
  const headersOf = (item: Shown) => configOf(item).headers;
  let flowId: string;

  beforeAll(async () => {
    // A draft may hold one (the lint refuses it only at publish), and so may a version
    // published before the lint did: written here straight to the store.
    const created = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: { name: 'Legacy webhook', graph },
    });
    expect(created.status).toBe(201);
    flowId = created.body.id;
    await server.app.store.flowVersions.create({
      id: `fv_legacy_${flowId}`,
      flowId,
      number: 1,
      name: 'Legacy webhook',
      graph,
      promptVersions: [],
      createdBy: 'usr_designer',
      createdAt: new Date().toISOString(),
    });
  });

  it('hides them from reviewers and managers in every read of flows and versions', async () => {
    const hidden = [
      { name: 'Authorization', value: '(hidden)' },
      { name: 'X-Source', value: '(hidden)' },
    ];
    for (const token of [t.reviewer, t.manager]) {
      const reads: Shown[] = [
        (await server.request('GET', `/api/flows/${flowId}`, { token })).body,
        (await server.request('GET', `/api/flows/${flowId}/versions/1`, { token })).body,
        (await server.request('GET', `/api/flows/${flowId}/versions`, { token })).body.items[0],
        (await server.request('GET', '/api/flows?search=Legacy', { token })).body.items.find(
          (f: { id: string }) => f.id === flowId,
        ),
      ];
      for (const read of reads) {
        expect(headersOf(read)).toEqual(hidden);
        // Still valid JSON: the read-only editor has nothing to warn about.
        expect(configOf(read).bodyTemplate).toBe('"(hidden)"');
        expect(JSON.stringify(read)).not.toMatch(/s3cret|k3y/);
      }
    }
  });

  it('shows them to designers and admins, who change flows, and keeps them stored', async () => {
    for (const token of [t.designer, t.admin]) {
      const flow = await server.request('GET', `/api/flows/${flowId}`, { token });
      expect(configOf(flow.body)).toMatchObject({ headers, bodyTemplate });
      const version = await server.request('GET', `/api/flows/${flowId}/versions/1`, { token });
      expect(configOf(version.body)).toMatchObject({ headers, bodyTemplate });
    }
    const stored = await server.app.store.flowVersions.findByNumber(flowId, 1);
    expect(configOf(stored as Shown)).toMatchObject({ headers, bodyTemplate });
  });
});
