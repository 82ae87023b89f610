import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowTemplates } from '@tandem/nodes';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

// What publish refuses, with a 422 naming each problem's step and setting.
let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer({ env: { TANDEM_SEED: 'demo' } });
  t = await server.tokens();
});
afterAll(() => server.close());

const template = flowTemplates[0]!;

describe('publishing a flow', () => {
  it('refuses to publish an invalid flow with 422 and per-node problems', async () => {
    const created = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: {
        name: 'Broken',
        graph: {
          nodes: [
            { id: 'a', type: 'ai.generate', position: { x: 0, y: 0 }, config: { temperature: 9 } },
          ],
          edges: [],
        },
      },
    });
    const res = await server.request('POST', `/api/flows/${created.body.id}/publish`, {
      token: t.designer,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('FLOW_INVALID');
    expect(res.body.error.details.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: 'a', path: ['nodes', 0, 'config', 'temperature'] }),
      ]),
    );
  });

  it('refuses to publish a template that reads a field no earlier step gives, at the setting', async () => {
    const created = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: {
        name: 'Reads a missing field',
        graph: {
          nodes: [
            { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
            {
              id: 'draft',
              type: 'ai.generate',
              position: { x: 280, y: 0 },
              config: { prompt: 'About {{ steps.start.topic }}' },
            },
            {
              id: 'sum',
              type: 'ai.generate',
              position: { x: 560, y: 0 },
              config: { prompt: 'Shorten {{ steps.draft.txt }}' },
            },
          ],
          edges: [
            { id: 'e1', source: 'start', target: 'draft' },
            { id: 'e2', source: 'draft', target: 'sum' },
          ],
        },
      },
    });
    const res = await server.request('POST', `/api/flows/${created.body.id}/publish`, {
      token: t.designer,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.problems).toEqual([
      {
        nodeId: 'sum',
        path: ['nodes', 2, 'config', 'prompt'],
        message:
          '{{ steps.draft.txt }} is not an output of that step: it gives text, model, usage, promptVersion',
      },
    ]);
  });

  it("refuses a branch saved with its default rule when no step before it is 'check'", async () => {
    const branchAfter = (checkId: string) => ({
      name: `Branch after ${checkId}`,
      graph: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
          { id: checkId, type: 'check.brand', position: { x: 280, y: 0 }, config: {} },
          // Saved untouched: no rules, so it runs the default one on steps.check.passed.
          { id: 'branch', type: 'logic.branch', position: { x: 560, y: 0 }, config: {} },
        ],
        edges: [
          { id: 'e1', source: 'start', target: checkId },
          { id: 'e2', source: checkId, target: 'branch' },
        ],
      },
    });
    const publish = async (checkId: string) => {
      const created = await server.request('POST', '/api/flows', {
        token: t.designer,
        body: branchAfter(checkId),
      });
      return server.request('POST', `/api/flows/${created.body.id}/publish`, {
        token: t.designer,
      });
    };
    const refused = await publish('brand');
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.problems).toEqual([
      {
        nodeId: 'branch',
        path: ['nodes', 2, 'config', 'rules', 0, 'path'],
        message:
          'steps.check.passed is not available here: no earlier step or input field provides it',
      },
    ]);
    expect((await publish('check')).status).toBe(201);
  });

  it('reports the graph problems and the address problems of a draft in one answer', async () => {
    const created = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: {
        name: 'Two kinds of problem',
        graph: {
          nodes: [
            { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
            { id: 'a', type: 'ai.generate', position: { x: 0, y: 0 }, config: { temperature: 9 } },
            {
              id: 'send',
              type: 'publish.webhook',
              position: { x: 280, y: 0 },
              config: { url: 'http://169.254.169.254/latest/meta-data' },
            },
          ],
          edges: [
            { id: 'e1', source: 'start', target: 'a' },
            { id: 'e2', source: 'a', target: 'send' },
          ],
        },
      },
    });
    const res = await server.request('POST', `/api/flows/${created.body.id}/publish`, {
      token: t.designer,
    });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.problems.map((p: { path: unknown[] }) => p.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['nodes.1.config.temperature', 'nodes.2.config.url']),
    );
  });

  it('refuses to publish a send to a private or loopback address, as connections do', async () => {
    const sendTo = (url: string) => ({
      name: 'Private target',
      graph: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
          { id: 'send', type: 'publish.webhook', position: { x: 280, y: 0 }, config: { url } },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'send' }],
      },
    });
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://2130706433/',
      'http://[::ffff:10.0.0.1]/',
      'http://localhost:8080/',
      // A reserved example name never resolves: caught here, not at the first run's send.
      'https://cms.lumen-analytics.example/hooks/tandem',
    ]) {
      const created = await server.request('POST', '/api/flows', {
        token: t.designer,
        body: sendTo(url),
      });
      const res = await server.request('POST', `/api/flows/${created.body.id}/publish`, {
        token: t.designer,
      });
      expect(res.status, url).toBe(422);
      expect(res.body.error.details.problems).toEqual([
        expect.objectContaining({ nodeId: 'send', path: ['nodes', 1, 'config', 'url'] }),
      ]);
      expect(await server.app.store.flowVersions.latest(created.body.id)).toBeNull();
    }
    const publicTarget = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: sendTo('https://hooks.example.com/in'),
    });
    expect(
      (
        await server.request('POST', `/api/flows/${publicTarget.body.id}/publish`, {
          token: t.designer,
        })
      ).status,
    ).toBe(201);
  });

  it('refuses to publish a flow naming a connection or a person that does not exist', async () => {
    const at = new Date().toISOString();
    const saved = (id: string, kind: 'webhook' | 'smtp') =>
      server.app.store.connections.create({
        id,
        kind,
        name: `Saved ${kind}`,
        settings: {},
        secretsCiphertext: 'v1:unused',
        disabled: false,
        disabledReason: null,
        createdAt: at,
        updatedAt: at,
        revision: 0,
      });
    await saved('conn_hook', 'webhook');
    await saved('conn_mail', 'smtp');
    const reviewer = (await server.app.store.users.findByEmail('reviewer@example.com'))!;
    const graph = (connectionId: string, assigneeUserIds: string[]) => ({
      ...template.graph,
      nodes: template.graph.nodes.map((n) =>
        n.type.startsWith('publish.')
          ? { ...n, type: 'publish.webhook', config: { connectionId } }
          : n.type === 'human.review'
            ? { ...n, config: { ...n.config, assigneeUserIds } }
            : n,
      ),
    });
    const created = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: { name: 'References', graph: graph('conn_gone', ['usr_gone', reviewer.id]) },
    });
    const id: string = created.body.id;
    const publish = () => server.request('POST', `/api/flows/${id}/publish`, { token: t.designer });

    const refused = await publish();
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('FLOW_INVALID');
    const problems: { path: (string | number)[]; message: string }[] =
      refused.body.error.details.problems;
    // In the flow's node order: the checkpoint comes before the publish step.
    expect(problems.map((p) => [p.path.slice(2).join('.'), p.message])).toEqual([
      ['config.assigneeUserIds.0', 'No user has this id; pick the people who may decide by name'],
      ['config.connectionId', 'No saved connection has this id; pick one in the step settings'],
    ]);

    const update = async (connectionId: string) => {
      const current = await server.request('GET', `/api/flows/${id}`, { token: t.designer });
      await server.request('PUT', `/api/flows/${id}`, {
        token: t.designer,
        body: { name: 'References', graph: graph(connectionId, [reviewer.id]) },
        headers: { 'if-match': String(current.body.revision) },
      });
    };
    await update('conn_mail');
    const wrongKind = await publish();
    expect(wrongKind.body.error.details.problems).toEqual([
      expect.objectContaining({
        message: '“Saved smtp” is a smtp connection; this step needs a webhook connection',
      }),
    ]);
    await update('conn_hook');
    expect((await publish()).status).toBe(201);
  });
});
