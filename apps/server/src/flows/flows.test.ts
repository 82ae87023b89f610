import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowTemplates } from '@tandem/nodes';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer({ env: { TANDEM_SEED: 'demo' } });
  t = await server.tokens();
});
afterAll(() => server.close());

const template = flowTemplates[0]!;
const body = { name: 'My blog flow', description: 'From the template', graph: template.graph };

describe('node types and templates', () => {
  it('lists the node catalog with JSON Schemas', async () => {
    const res = await server.request('GET', '/api/node-types', { token: t.reviewer });
    expect(res.status).toBe(200);
    const review = res.body.items.find((n: { type: string }) => n.type === 'human.review');
    expect(review).toMatchObject({ title: expect.any(String), category: 'human' });
    expect(review.configSchema.type).toBe('object');
    expect(review.outputs.map((o: { id: string }) => o.id)).toEqual(['approved', 'rejected']);
    expect((await server.request('GET', '/api/node-types')).status).toBe(401);
  });

  it('lists the flow templates', async () => {
    const res = await server.request('GET', '/api/templates', { token: t.designer });
    expect(res.status).toBe(200);
    expect(res.body.items.map((x: { id: string }) => x.id)).toContain(template.id);
  });
});

describe('/api/flows', () => {
  let flowId: string;

  it('lets a designer create a flow; 400 with field paths for a bad body', async () => {
    const bad = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: { name: '', graph: { nodes: [{ id: 'a' }], edges: [] } },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.issues.map((i: { path: unknown[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'graph.nodes.0.type']));
    // The message alone names the first problem, for clients that show only the message.
    expect(bad.body.error.message).toMatch(
      /^The request body is not valid: name: .+ \(and \d+ more\)$/,
    );

    // A name that reads differently from what it stores (a direction override) is refused.
    const spoofed = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: { ...body, name: 'Invoice\u202Efdp.exe' },
    });
    expect(spoofed.status).toBe(400);
    expect(spoofed.body.error.message).toMatch(
      /^The request body is not valid: name: Remove control/,
    );

    const res = await server.request('POST', '/api/flows', { token: t.designer, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'My blog flow', publishedVersion: null, revision: 0 });
    flowId = res.body.id;
  });

  it('refuses writes by reviewers and managers with 403, and changes nothing', async () => {
    for (const token of [t.reviewer, t.manager]) {
      expect((await server.request('POST', '/api/flows', { token, body })).status).toBe(403);
      const put = await server.request('PUT', `/api/flows/${flowId}`, {
        token,
        body: { ...body, name: 'Hijacked' },
      });
      expect(put.status).toBe(403);
      expect((await server.request('POST', `/api/flows/${flowId}/publish`, { token })).status).toBe(
        403,
      );
    }
    const flow = await server.request('GET', `/api/flows/${flowId}`, { token: t.reviewer });
    expect(flow.body.name).toBe('My blog flow');
  });

  it('lists and reads flows for every signed-in role, 401 without a session', async () => {
    const list = await server.request('GET', '/api/flows?search=blog', { token: t.manager });
    expect(list.status).toBe(200);
    expect(list.body.items.some((f: { id: string }) => f.id === flowId)).toBe(true);
    expect((await server.request('GET', '/api/flows')).status).toBe(401);
    expect(
      (await server.request('GET', '/api/flows/flw_missing', { token: t.designer })).status,
    ).toBe(404);
  });

  it('replaces the draft, refusing a stale If-Match revision', async () => {
    const res = await server.request('PUT', `/api/flows/${flowId}`, {
      token: t.designer,
      body: { ...body, name: 'Renamed' },
      headers: { 'if-match': '0' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed', revision: 1 });
    const stale = await server.request('PUT', `/api/flows/${flowId}`, {
      token: t.designer,
      body: { ...body, name: 'Stale' },
      headers: { 'if-match': '0' },
    });
    expect(stale.status).toBe(409);
    const garbled = await server.request('PUT', `/api/flows/${flowId}`, {
      token: t.designer,
      body: { ...body, name: 'Garbled' },
      headers: { 'if-match': 'W/"abc"' },
    });
    expect(garbled.status).toBe(400);
    expect(garbled.body.error).toMatchObject({
      message: 'The request header is not valid: if-match: If-Match must be the revision number',
      details: {
        issues: [{ path: ['if-match'], message: 'If-Match must be the revision number' }],
      },
    });
  });

  it('publishes a valid flow as version 1, then 2, audited, with prompt versions', async () => {
    const first = await server.request('POST', `/api/flows/${flowId}/publish`, {
      token: t.designer,
    });
    expect(first.status).toBe(201);
    expect(first.body.version).toBe(1);
    expect(first.body.flowVersion.promptVersions).toHaveLength(1);
    const second = await server.request('POST', `/api/flows/${flowId}/publish`, { token: t.admin });
    expect(second.body.version).toBe(2);
    // The unchanged prompt keeps the version it first appeared in.
    expect(second.body.flowVersion.promptVersions[0].since).toBe(1);
    const versions = await server.request('GET', `/api/flows/${flowId}/versions`, {
      token: t.reviewer,
    });
    expect(versions.body.items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const audit = await server.app.store.audit.list({
      action: 'flow.published',
      subjectId: flowId,
    });
    expect(audit.items.map((e) => e.details.version)).toEqual([2, 1]);
    const flow = await server.request('GET', `/api/flows/${flowId}`, { token: t.designer });
    expect(flow.body.publishedVersion).toBe(2);
  });

  it('pages the versions newest first, and reads one by its number', async () => {
    const versions = `/api/flows/${flowId}/versions`;
    const first = await server.request('GET', `${versions}?limit=1`, { token: t.reviewer });
    expect(first.status).toBe(200);
    expect(first.body.items.map((v: { number: number }) => v.number)).toEqual([2]);
    const cursor = encodeURIComponent(first.body.nextCursor);
    const next = await server.request('GET', `${versions}?limit=1&cursor=${cursor}`, {
      token: t.reviewer,
    });
    expect(next.body.items.map((v: { number: number }) => v.number)).toEqual([1]);
    expect(next.body.nextCursor).toBeUndefined();

    const one = await server.request('GET', `${versions}/1`, { token: t.reviewer });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ flowId, number: 1 });
    const missing = await server.request('GET', `${versions}/9`, { token: t.reviewer });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('This flow has no version 9');
  });

  it('answers bad paging input with 400 and the field path', async () => {
    const versions = `/api/flows/${flowId}/versions`;
    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=many', 'limit'],
      ['limit=501', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
    ] as const) {
      const res = await server.request('GET', `${versions}?${query}`, { token: t.reviewer });
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const paths = res.body.error.details.issues.map((i: { path: string[] }) => i.path.join('.'));
      expect(paths, query).toContain(path);
    }
    const badNumber = await server.request('GET', `${versions}/first`, { token: t.reviewer });
    expect(badNumber.status).toBe(400);
    expect(badNumber.body.error.details.issues[0].path).toEqual(['number']);
  });

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
        n.type === 'publish.webhook'
          ? { ...n, config: { ...n.config, url: undefined, connectionId } }
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

  it('deletes a flow (designers only)', async () => {
    const created = await server.request('POST', '/api/flows', { token: t.designer, body });
    const id = created.body.id;
    expect((await server.request('DELETE', `/api/flows/${id}`, { token: t.reviewer })).status).toBe(
      403,
    );
    expect((await server.request('DELETE', `/api/flows/${id}`, { token: t.designer })).status).toBe(
      204,
    );
    expect((await server.request('GET', `/api/flows/${id}`, { token: t.designer })).status).toBe(
      404,
    );
  });
});
