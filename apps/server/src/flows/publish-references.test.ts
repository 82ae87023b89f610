import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowTemplates } from '@tandem/nodes';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
  const at = new Date().toISOString();
  await server.app.store.connections.create({
    id: 'conn_crm',
    kind: 'webhook',
    name: 'CRM',
    settings: { url: 'https://crm.example.com/hooks/tandem' },
    secretsCiphertext: 'v1:unused',
    disabled: false,
    disabledReason: null,
    createdAt: at,
    updatedAt: at,
    revision: 0,
  });
});
afterAll(() => server.close());

// The blog template, its last step made a webhook step sending through the saved connection.
const template = flowTemplates[0]!;

const sendTo = (url: string) => ({
  name: 'Webhook with a connection',
  graph: {
    ...template.graph,
    nodes: template.graph.nodes.map((n) =>
      n.type.startsWith('publish.')
        ? { ...n, type: 'publish.webhook', config: { url, connectionId: 'conn_crm' } }
        : n,
    ),
  },
});

async function publish(url: string) {
  const created = await server.request('POST', '/api/flows', {
    token: t.designer,
    body: sendTo(url),
  });
  expect(created.status).toBe(201);
  return server.request('POST', `/api/flows/${created.body.id}/publish`, { token: t.designer });
}

describe('a webhook step with a saved connection', () => {
  it("refuses to publish a step that would send the connection's secrets to another host", async () => {
    const refused = await publish('https://collector.example.net/steal');
    expect(refused.status).toBe(422);
    const problems: { path: (string | number)[]; message: string }[] =
      refused.body.error.details.problems;
    expect(problems.map((p) => p.path.slice(2).join('.'))).toEqual(['config.url']);
    expect(problems[0]?.message).toMatch(/connection's address/);
  });

  it("refuses another endpoint on the connection's host, publishes its own address", async () => {
    expect((await publish('https://crm.example.com/admin/users')).status).toBe(422);
    expect((await publish('https://crm.example.com/hooks/tandem')).status).toBe(201);
  });
});
