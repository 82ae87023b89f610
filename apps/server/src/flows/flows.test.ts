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
      message:
        'The request header is not valid: if-match: If-Match must be the revision number, or *',
      details: {
        issues: [{ path: ['if-match'], message: 'If-Match must be the revision number, or *' }],
      },
    });
    // Without If-Match nothing is overwritten: the client is told to send what it loaded.
    const blind = await server.request('PUT', `/api/flows/${flowId}`, {
      token: t.designer,
      body: { ...body, name: 'Blind' },
    });
    expect(blind.status).toBe(400);
    expect(blind.body.error.details.issues).toEqual([
      {
        path: ['if-match'],
        message:
          'Send If-Match with the revision you loaded (or * to replace whatever is stored), so a newer save is not overwritten',
      },
    ]);
    const kept = await server.request('GET', `/api/flows/${flowId}`, { token: t.designer });
    expect(kept.body).toMatchObject({ name: 'Renamed', revision: 1 });
    // `*` says so explicitly: replace whatever is stored.
    const forced = await server.request('PUT', `/api/flows/${flowId}`, {
      token: t.designer,
      body: { ...body, name: 'Renamed' },
      headers: { 'if-match': '*' },
    });
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({ name: 'Renamed', revision: 2 });
  });

  it('publishes a valid flow as version 1, then 2, audited, with prompt versions', async () => {
    const first = await server.request('POST', `/api/flows/${flowId}/publish`, {
      token: t.designer,
    });
    expect(first.status).toBe(201);
    expect(first.body.version).toBe(1);
    expect(first.body.flowVersion.promptVersions).toHaveLength(1);
    expect(first.body.created).toBe(true);
    // A version keeps the name it was published under: renamed, the draft publishes anew.
    const current = await server.request('GET', `/api/flows/${flowId}`, { token: t.designer });
    await server.request('PUT', `/api/flows/${flowId}`, {
      token: t.designer,
      headers: { 'if-match': '*' },
      body: { ...body, name: 'Renamed again', graph: current.body.graph },
    });
    const second = await server.request('POST', `/api/flows/${flowId}/publish`, { token: t.admin });
    expect(second.status).toBe(201);
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

  it('publishes an unchanged draft as nothing new: 200 with the latest version, no version added', async () => {
    const again = await server.request('POST', `/api/flows/${flowId}/publish`, {
      token: t.designer,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 2, created: false, flowVersion: { number: 2 } });
    const versions = await server.request('GET', `/api/flows/${flowId}/versions`, {
      token: t.designer,
    });
    expect(versions.body.items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const audit = await server.app.store.audit.list({
      action: 'flow.published',
      subjectId: flowId,
    });
    expect(audit.items).toHaveLength(2);
    // Still only for designers and admins, changed or not.
    const refused = await server.request('POST', `/api/flows/${flowId}/publish`, {
      token: t.reviewer,
    });
    expect(refused.status).toBe(403);
  });

  it('refuses to save a draft with an empty or blank name, naming the field', async () => {
    const current = await server.request('GET', `/api/flows/${flowId}`, { token: t.designer });
    for (const name of ['', '   ']) {
      const res = await server.request('PUT', `/api/flows/${flowId}`, {
        token: t.designer,
        headers: { 'if-match': '*' },
        body: { name, graph: current.body.graph },
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(/^The request body is not valid: name: /),
        details: { issues: [expect.objectContaining({ path: ['name'] })] },
      });
    }
    const after = await server.request('GET', `/api/flows/${flowId}`, { token: t.designer });
    expect(after.body).toMatchObject({ name: current.body.name, revision: current.body.revision });
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

describe('POST /api/flows/:id/copy', () => {
  it('copies the current draft as a new unpublished flow, audited, leaving the original as it was', async () => {
    const original = await server.request('POST', '/api/flows', { token: t.designer, body });
    await server.request('POST', `/api/flows/${original.body.id}/publish`, { token: t.designer });
    // An unpublished edit after the publish: the copy takes the draft, not the version.
    const edited = { ...body, graph: { ...body.graph, viewport: { x: 5, y: 6, zoom: 0.8 } } };
    await server.request('PUT', `/api/flows/${original.body.id}`, {
      token: t.designer,
      headers: { 'if-match': '*' },
      body: edited,
    });
    const before = await server.request('GET', `/api/flows/${original.body.id}`, {
      token: t.designer,
    });

    const copy = await server.request('POST', `/api/flows/${original.body.id}/copy`, {
      token: t.designer,
    });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      name: 'Copy of My blog flow',
      description: 'From the template',
      publishedVersion: null,
      revision: 0,
    });
    expect(copy.body.id).not.toBe(original.body.id);
    expect(copy.body.graph).toEqual(before.body.graph);

    const after = await server.request('GET', `/api/flows/${original.body.id}`, {
      token: t.designer,
    });
    expect(after.body).toEqual(before.body);
    const audit = await server.app.store.audit.list({
      action: 'flow.created',
      subjectId: copy.body.id,
    });
    expect(audit.items[0]?.details).toEqual({
      name: 'Copy of My blog flow',
      copiedFromId: original.body.id,
      copiedFromName: 'My blog flow',
    });
  });

  it('takes a name, and cuts a long default name to fit', async () => {
    const named = await server.request('POST', '/api/flows', { token: t.designer, body });
    const copy = await server.request('POST', `/api/flows/${named.body.id}/copy`, {
      token: t.admin,
      body: { name: 'Spring launch' },
    });
    expect(copy.status).toBe(201);
    expect(copy.body.name).toBe('Spring launch');

    const long = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: { ...body, name: 'x'.repeat(200) },
    });
    expect(long.status).toBe(201);
    const longCopy = await server.request('POST', `/api/flows/${long.body.id}/copy`, {
      token: t.designer,
    });
    expect(longCopy.status).toBe(201);
    expect(longCopy.body.name).toBe(`Copy of ${'x'.repeat(192)}`);
  });

  it('refuses reviewers and managers (403), bad names and ids (400), unknown flows (404)', async () => {
    const flow = await server.request('POST', '/api/flows', { token: t.designer, body });
    const path = `/api/flows/${flow.body.id}/copy`;
    const count = async () =>
      (await server.request('GET', '/api/flows?limit=200', { token: t.designer })).body.items
        .length;
    const flowsBefore = await count();
    for (const token of [t.reviewer, t.manager]) {
      expect((await server.request('POST', path, { token })).status).toBe(403);
    }
    expect((await server.request('POST', path)).status).toBe(401);
    const bad = await server.request('POST', path, { token: t.designer, body: { name: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toEqual(['name']);
    const extra = await server.request('POST', path, { token: t.designer, body: { graph: {} } });
    expect(extra.status).toBe(400);
    expect(
      (await server.request('POST', '/api/flows/flw_missing/copy', { token: t.designer })).status,
    ).toBe(404);
    expect(
      (await server.request('POST', '/api/flows/a%20b/copy', { token: t.designer })).status,
    ).toBe(400);
    expect(await count()).toBe(flowsBefore);
  });
});
