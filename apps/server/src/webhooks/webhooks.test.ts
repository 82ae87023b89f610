import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookCurlExample, webhookPath } from '@tandem/nodes';
import type { Logger } from '@tandem/nodes';
import { publishFlow, startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { addSigningConnection, hookFlowGraph, SECRET, signed } from './webhook-fixtures.js';
import { reviewFlow } from '../testing/fixtures.js';

let server: TestServer;
let flowId: string;
/** What the server logged as warnings: where a refusal's true reason goes. */
const warnings: { message: string; fields: Record<string, unknown> }[] = [];
const capturingLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (message, fields = {}) => warnings.push({ message, fields }),
  error: () => {},
};
const wrongKey = `whsec_${Buffer.from('another-secret-of-24byte').toString('base64')}`;

let signingConnectionId: string;

/** A draft flow started by a webhook trigger signed with `connectionId`'s secret (if any); its id. */
async function createHookFlow(name: string, connectionId: string | undefined): Promise<string> {
  const { designer } = await server.tokens();
  const flow = await server.request('POST', '/api/flows', {
    token: designer,
    body: { name, graph: hookFlowGraph(connectionId) },
  });
  return flow.body.id;
}

/** A published flow started by a webhook trigger signed with `connectionId`'s secret; its id. */
async function publishHookFlow(name: string, connectionId: string): Promise<string> {
  const { designer } = await server.tokens();
  const id = await createHookFlow(name, connectionId);
  expect(
    (await server.request('POST', `/api/flows/${id}/publish`, { token: designer })).status,
  ).toBe(201);
  return id;
}

/**
 * A flow whose published version has no signing connection, as versions published before the
 * publish check asked for one do: written to the store, since publishing refuses it now.
 */
async function legacyUnsignedHookFlow(name: string): Promise<string> {
  const id = await createHookFlow(name, undefined);
  const { store } = server.app;
  const flow = await store.flows.get(id);
  await store.flowVersions.create({
    id: `fv_legacy_${id}`,
    flowId: id,
    number: 1,
    name: flow.name,
    graph: flow.graph,
    promptVersions: [],
    createdBy: flow.createdBy,
    createdAt: new Date().toISOString(),
  });
  await store.flows.update({ ...flow, publishedVersion: 1 });
  return id;
}

beforeAll(async () => {
  server = await startTestServer({ overrides: { logger: capturingLogger } });
  signingConnectionId = await addSigningConnection(server, (await server.tokens()).admin);
  flowId = await publishHookFlow('From CRM', signingConnectionId);
});
afterAll(() => server.close());

describe('POST /api/hooks/:flowId (signed inbound trigger)', () => {
  it('refuses to publish a webhook start without a signing connection: every call would be refused', async () => {
    const { designer } = await server.tokens();
    const id = await createHookFlow('Unsigned on purpose', undefined);
    const res = await server.request('POST', `/api/flows/${id}/publish`, { token: designer });
    expect(res.status).toBe(422);
    expect(res.body.error.details.problems).toContainEqual({
      nodeId: 'start',
      path: ['nodes', 0, 'config', 'connectionId'],
      message: 'Choose a signing connection: without one every call to this webhook is refused',
    });
    expect((await server.app.store.flows.get(id)).publishedVersion).toBeNull();
  });

  it('starts a run for a correctly signed call, without a session', async () => {
    const res = await server.request('POST', `/api/hooks/${flowId}`, signed({ topic: 'From CRM' }));
    expect(res.status).toBe(202);
    const run = await server.app.store.runs.get(res.body.id);
    expect(run.input).toEqual({ topic: 'From CRM' });
    expect(run.startedBy).toBeNull();
  });

  it('takes a call made with the example the editor gives developers (bash, openssl, curl)', async () => {
    const script = webhookCurlExample({
      url: `${server.url}${webhookPath(flowId)}`,
      connectionName: 'Inbound CRM',
      fields: [{ name: 'topic', label: 'Topic', kind: 'text', required: true, options: [] }],
    });
    expect(script).not.toContain(SECRET);
    const { stdout } = await promisify(execFile)('bash', ['-c', script], {
      env: { ...process.env, TANDEM_WEBHOOK_SECRET: SECRET },
    });
    const answer = JSON.parse(stdout) as { id: string; status: string };
    expect(answer.id).toMatch(/^run_hook_/);
    expect((await server.app.store.runs.get(answer.id)).input).toEqual({ topic: 'Example topic' });
  });

  it('refuses unsigned, wrongly signed, stale and replayed calls', async () => {
    const body = JSON.stringify({ topic: 'x' });
    const none = await server.request('POST', `/api/hooks/${flowId}`, { body, raw: true });
    expect(none.status).toBe(401);
    expect(
      (
        await server.request(
          'POST',
          `/api/hooks/${flowId}`,
          signed({ topic: 'x' }, { secret: wrongKey }),
        )
      ).status,
    ).toBe(401);
    const tampered = signed({ topic: 'x' });
    tampered.body = JSON.stringify({ topic: 'y' });
    expect((await server.request('POST', `/api/hooks/${flowId}`, tampered)).status).toBe(401);
    const stale = signed({ topic: 'x' }, { at: Math.floor(Date.now() / 1000) - 3600 });
    expect((await server.request('POST', `/api/hooks/${flowId}`, stale)).status).toBe(401);
    const once = signed({ topic: 'x' }, { id: 'msg_once' });
    const first = await server.request('POST', `/api/hooks/${flowId}`, once);
    expect(first.status).toBe(202);
    // A redelivery (the sender lost the answer) is acknowledged with the same run.
    const again = await server.request('POST', `/api/hooks/${flowId}`, once);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id: first.body.id, status: expect.any(String), duplicate: true });
    const received = await server.app.store.audit.list({ action: 'webhook.received', limit: 500 });
    expect(received.items.filter((e) => e.details.runId === first.body.id)).toHaveLength(1);
  });

  it('starts no second run for a delivery received by another server on the same store (or after a restart)', async () => {
    const delivery = signed({ topic: 'once only' }, { id: 'msg_across_processes' });
    expect((await server.request('POST', `/api/hooks/${flowId}`, delivery)).status).toBe(202);
    // A second process on the same data directory shares nothing in memory with the first.
    const other = await startTestServer({ env: { TANDEM_DATA_DIR: server.dataDir } });
    try {
      const replay = await other.request('POST', `/api/hooks/${flowId}`, delivery);
      expect(replay.status).toBe(200);
      expect(replay.body.duplicate).toBe(true);
    } finally {
      await other.close();
    }
    const runs = await server.app.store.runs.list({ flowId, limit: 500 });
    expect(runs.items.filter((r) => JSON.stringify(r.input).includes('once only'))).toHaveLength(1);
  });

  it('starts one run per signed delivery, also when another flow shares the signing secret', async () => {
    const otherFlowId = await publishHookFlow('Also from CRM', signingConnectionId);
    const delivery = signed({ topic: 'meant for one flow' }, { id: 'msg_for_one_flow' });
    expect((await server.request('POST', `/api/hooks/${flowId}`, delivery)).status).toBe(202);
    // The signature covers id, time and body, not the address: sent on to the second flow, the
    // captured delivery is refused rather than starting (and maybe publishing) a second run.
    const replayed = await server.request('POST', `/api/hooks/${otherFlowId}`, delivery);
    expect(replayed.status).toBe(409);
    expect(replayed.body.error.message).toMatch(/already started a run of another flow/);
    expect((await server.app.store.runs.list({ flowId: otherFlowId })).items).toHaveLength(0);
  });

  it('takes webhook-timestamp only as whole seconds in plain digits', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const written of [`0x${now.toString(16)}`, `${now}.0`, `${now}e0`, '']) {
      const delivery = signed({ topic: 'x' }, { at: now });
      delivery.headers['webhook-timestamp'] = written;
      const res = await server.request('POST', `/api/hooks/${flowId}`, delivery);
      expect(res.status, written).toBe(401);
    }
  });

  it('validates the body against the trigger fields', async () => {
    const res = await server.request('POST', `/api/hooks/${flowId}`, signed({ nope: 1 }));
    expect(res.status).toBe(400);
  });

  it('starts nothing for a flow that was deleted, though its versions remain', async () => {
    const t = await server.tokens();
    const { graph } = (await server.request('GET', `/api/flows/${flowId}`, { token: t.designer }))
      .body;
    const doomed = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: { name: 'Deleted from CRM', graph },
    });
    const doomedId: string = doomed.body.id;
    await server.request('POST', `/api/flows/${doomedId}/publish`, { token: t.designer });
    expect(
      (await server.request('POST', `/api/hooks/${doomedId}`, signed({ topic: 'x' }))).status,
    ).toBe(202);
    await server.request('DELETE', `/api/flows/${doomedId}`, { token: t.designer });

    const res = await server.request('POST', `/api/hooks/${doomedId}`, signed({ topic: 'y' }));
    expect(res.status).toBe(401);
    const runs = await server.app.store.runs.list({ flowId: doomedId, limit: 500 });
    expect(runs.items).toHaveLength(1);
  });
});

describe('POST /api/hooks/:flowId refusals before the signature holds', () => {
  it('answers an unknown flow, one without a webhook trigger and an unpublished one like a bad signature', async () => {
    // A 404 there told an outsider which flow ids take webhooks.
    const { designer } = await server.tokens();
    const manualFlowId = await publishFlow(
      server,
      designer,
      reviewFlow('https://cms.example.com/hooks', {}, 'Started by hand'),
    );
    const { graph } = (await server.request('GET', `/api/flows/${flowId}`, { token: designer }))
      .body;
    const draft = await server.request('POST', '/api/flows', {
      token: designer,
      body: { name: 'Never published', graph },
    });
    const unpublishedFlowId: string = draft.body.id;
    const badSignature = await server.request(
      'POST',
      `/api/hooks/${flowId}`,
      signed({ topic: 'x' }, { secret: wrongKey }),
    );
    expect(badSignature.status).toBe(401);

    const reasons: Record<string, string> = {
      flw_never_was: 'unknown_flow',
      [manualFlowId]: 'no_webhook_trigger',
      [unpublishedFlowId]: 'flow_not_published',
    };
    for (const [id, reason] of Object.entries(reasons)) {
      for (const call of [signed({ topic: 'x' }), { body: '{}', raw: true }]) {
        const res = await server.request('POST', `/api/hooks/${id}`, call);
        expect({ status: res.status, body: res.body }, reason).toEqual({
          status: badSignature.status,
          body: badSignature.body,
        });
      }
      // The true reason goes to the log and the audit trail, never to the caller.
      const logged = warnings.filter((w) => w.fields.flowId === id);
      expect(logged.map((w) => w.fields.reason)).toEqual([reason, reason]);
      const audited = await server.app.store.audit.list({ action: 'webhook.refused', limit: 500 });
      expect(audited.items.filter((e) => e.subjectId === id).map((e) => e.details.reason)).toEqual([
        reason,
        reason,
      ]);
    }
  });

  it('answers a caller without the secret alike, whatever is wrong with the signing setup', async () => {
    const { admin } = await server.tokens();
    const unsignedFlowId = await legacyUnsignedHookFlow('No signing connection');
    const disabledConnectionId = await addSigningConnection(server, admin);
    const disabledFlowId = await publishHookFlow('Disabled signing', disabledConnectionId);
    const disabled = await server.request('PUT', `/api/connections/${disabledConnectionId}`, {
      token: admin,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    const unsigned = { body: JSON.stringify({ topic: 'x' }), raw: true };

    const answers = [
      await server.request('POST', `/api/hooks/${unsignedFlowId}`, unsigned),
      await server.request('POST', `/api/hooks/${disabledFlowId}`, unsigned),
      await server.request('POST', `/api/hooks/${flowId}`, unsigned),
      await server.request('POST', `/api/hooks/${unsignedFlowId}`, signed({ topic: 'x' })),
      await server.request('POST', `/api/hooks/${disabledFlowId}`, signed({ topic: 'x' })),
      await server.request(
        'POST',
        `/api/hooks/${flowId}`,
        signed({ topic: 'x' }, { secret: wrongKey }),
      ),
    ].map((res) => ({ status: res.status, body: res.body }));
    expect(answers[0]).toEqual({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: expect.any(String), details: {} } },
    });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(JSON.stringify(answers[0])).not.toMatch(/connection|disabled|missing/i);

    // The owners still learn why: the audit trail (and the log) names the reason.
    const refusals = await server.app.store.audit.list({ action: 'webhook.refused', limit: 500 });
    const reasonOf = (id: string) =>
      refusals.items.filter((e) => e.subjectId === id).map((e) => e.details.reason);
    expect(reasonOf(unsignedFlowId)).toEqual(['no_signing_connection', 'no_signing_connection']);
    expect(reasonOf(disabledFlowId)).toEqual(['connection_disabled', 'connection_disabled']);
    expect(reasonOf(flowId)).toEqual(expect.arrayContaining(['unsigned', 'signature_mismatch']));
    // In words an owner acts on, not only a code.
    const disabledRefusal = refusals.items.find((e) => e.subjectId === disabledFlowId);
    expect(disabledRefusal?.details.explanation).toBe(
      "The trigger's signing connection is disabled; enable it in Settings",
    );
    expect(JSON.stringify(refusals.items)).not.toContain(SECRET);
  });
});
