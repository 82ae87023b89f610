import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, IdSchema, isAppError, notFound } from '@tandem/schema';
import type { StorePort } from '@tandem/schema';
import type { Clock, Logger } from '@tandem/nodes';
import type { Engine } from '@tandem/engine';
import { openConnection, signWebhook } from '@tandem/connectors';
import type { SecretBox } from '@tandem/connectors';
import type { AuditService } from '../audit/audit.service.js';
import type { RawBodyRequest } from '../http/security.js';
import { parseParams } from '../http/validate.js';
import {
  createWebhookLimits,
  DEFAULT_WEBHOOK_LIMITS,
  type WebhookLimits,
} from './webhook-limits.js';

const Params = z.strictObject({ flowId: IdSchema });
/** Standard Webhooks: deliveries older or newer than this are refused (replay window). */
const TOLERANCE_SECONDS = 5 * 60;

/**
 * Why a delivery was refused before its signature held. Only the log and the audit trail get
 * it: the caller has not proven it holds the secret, so it gets one answer for all of them and
 * cannot probe whether a flow has a signing connection, whether it is disabled, and so on.
 */
type Refusal =
  | 'no_signing_connection'
  | 'connection_missing'
  | 'connection_not_webhook'
  | 'connection_disabled'
  | 'no_signing_secret'
  | 'unsigned'
  | 'timestamp_outside_window'
  | 'signature_mismatch';

/** What each refusal means to the flow's owners, as the audit trail shows it. */
const REFUSAL_EXPLAINED: Record<Refusal, string> = {
  no_signing_connection: 'The webhook trigger has no signing connection; choose one in the flow',
  connection_missing: "The trigger's signing connection no longer exists; choose another one",
  connection_not_webhook: "The trigger's connection is not a webhook signing connection",
  connection_disabled: "The trigger's signing connection is disabled; enable it in Settings",
  no_signing_secret: 'The signing connection has no signing secret; add one in Settings',
  unsigned: 'The call had no complete signature (webhook-id, webhook-timestamp, webhook-signature)',
  timestamp_outside_window: "The call's webhook-timestamp was more than five minutes off",
  signature_mismatch: "The signature did not match the connection's signing secret",
};

const refused = () =>
  new AppError({
    code: 'UNAUTHENTICATED',
    message:
      "Sign the call with this trigger's secret (Standard Webhooks: webhook-id, webhook-timestamp within five minutes, webhook-signature)",
    origin: 'user',
  });

function signatureMatches(header: string, expected: string[]): boolean {
  const given = header.split(' ').filter(Boolean);
  return given.some((g) =>
    expected.some((e) => {
      const a = Buffer.from(g);
      const b = Buffer.from(e);
      return a.length === b.length && timingSafeEqual(a, b);
    }),
  );
}

/**
 * One delivery starts one run: the run's id is derived from the signing connection and the
 * delivery's webhook-id, so a replayed or redelivered call is refused by the store itself,
 * whichever server process receives it and across restarts (a map in memory forgot both).
 * Not from the flow: the signature does not cover the address, so a delivery captured on its
 * way to one flow could otherwise start a run of every other flow signed with the same secret.
 */
function deliveryRunId(connectionId: string, webhookId: string): string {
  const digest = createHash('sha256').update(`${connectionId}\n${webhookId}`).digest('hex');
  return `run_hook_${digest.slice(0, 40)}`;
}

/**
 * Inbound webhook triggers: `POST /api/hooks/:flowId` starts a run of the flow's latest
 * published version when the flow starts with `trigger.webhook` and the call is signed
 * (Standard Webhooks) with the secret of the connection the trigger names. Unsigned triggers
 * are refused: this route is reachable without a session, so the signature is the credential.
 */
export function createWebhooksRouter(deps: {
  store: StorePort;
  engine: Engine;
  secretBox: SecretBox;
  clock: Clock;
  audit: AuditService;
  logger: Logger;
  limits?: WebhookLimits;
}): Router {
  const { store, engine, secretBox, clock, audit, logger } = deps;
  const limits = createWebhookLimits(deps.limits ?? DEFAULT_WEBHOOK_LIMITS, () =>
    clock.now().getTime(),
  );
  const router = Router();

  router.post('/api/hooks/:flowId', async (req, res) => {
    const caller = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    limits.admitCaller(caller);
    try {
      await receive(req, res);
    } catch (error) {
      limits.noteFailure(caller, error);
      throw error;
    }
  });

  async function receive(req: Request, res: Response): Promise<void> {
    const { flowId } = parseParams(Params, req.params);
    // Versions outlive their flow (runs pin them); a deleted flow takes no more deliveries.
    const flow = await store.flows.find(flowId);
    const version = flow ? await store.flowVersions.latest(flowId) : null;
    const trigger = version?.graph.nodes.find((n) => n.type === 'trigger.webhook');
    if (!version || !trigger) throw notFound('Webhook trigger', flowId);
    const named = trigger.config.connectionId;
    const connectionId = typeof named === 'string' ? named : '';
    const id = req.header('webhook-id') ?? '';
    const refusal = await checkSignature(req, connectionId, id);
    if (refusal) {
      await noteRefusal(req, flowId, refusal, connectionId, id);
      throw refused();
    }

    const runId = deliveryRunId(connectionId, id);
    limits.takeRun(flowId);
    let run;
    try {
      run = await engine.startRun({
        flowVersionId: version.id,
        input: req.body ?? {},
        startedBy: null,
        runId,
      });
    } catch (error) {
      limits.returnRun(flowId);
      if (!isAppError(error, 'CONFLICT') || error.details.reason !== 'run_exists') throw error;
      // A sender retries a delivery whose answer it lost, and counts anything but 2xx as a
      // failure: acknowledge it with the run it already started, and start nothing.
      const existing = await store.runs.get(runId);
      if (existing.flowId !== flowId) {
        throw new AppError({
          code: 'CONFLICT',
          message:
            'This delivery already started a run of another flow signed with the same secret; give each flow its own signing connection to send it to both',
          details: { reason: 'delivery_used' },
        });
      }
      res.status(200).json({ id: existing.id, status: existing.status, duplicate: true });
      return;
    }
    await audit.record({
      actorId: null,
      action: 'webhook.received',
      subjectType: 'flow',
      subjectId: flowId,
      details: { runId: run.id, webhookId: id, connectionId: connectionId },
    });
    res.status(202).json({ id: run.id, status: run.status });
  }

  /** Null when the call is signed with the secret of the connection `connectionId` names. */
  async function checkSignature(
    req: Request,
    connectionId: string,
    id: string,
  ): Promise<Refusal | null> {
    if (!connectionId) return 'no_signing_connection';
    const connection = await store.connections.find(connectionId);
    if (!connection) return 'connection_missing';
    if (connection.kind !== 'webhook') return 'connection_not_webhook';
    if (connection.disabled) return 'connection_disabled';
    const { secrets } = openConnection(secretBox, connection);
    const keys = [secrets.signingSecret, secrets.previousSigningSecret].filter(
      (s): s is string => typeof s === 'string' && s.length > 0,
    );
    if (keys.length === 0) return 'no_signing_secret';

    // Whole seconds in plain digits: Number() alone also took "0x1", "1e0", "1.0" and "" (as 0).
    const timestampHeader = req.header('webhook-timestamp') ?? '';
    const timestamp = /^\d{1,12}$/.test(timestampHeader) ? Number(timestampHeader) : NaN;
    const signature = req.header('webhook-signature') ?? '';
    if (!id || id.length > 200 || !Number.isInteger(timestamp) || !signature) return 'unsigned';
    const nowSeconds = Math.floor(clock.now().getTime() / 1000);
    if (Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) return 'timestamp_outside_window';
    const body = (req as RawBodyRequest).rawBody?.toString('utf8') ?? '';
    const expected = keys.map((k) => signWebhook(id, timestamp, body, [k]));
    return signatureMatches(signature, expected) ? null : 'signature_mismatch';
  }

  /**
   * Tells the flow's owners why deliveries are refused (a sender with an old secret, a disabled
   * connection): a warning in the log and a `webhook.refused` audit event. Never the secret or
   * the signature; the caller's webhook-id only as far as it is a plausible one.
   */
  async function noteRefusal(
    req: Request,
    flowId: string,
    reason: Refusal,
    connectionId: string,
    webhookId: string,
  ): Promise<void> {
    const details = {
      reason,
      explanation: REFUSAL_EXPLAINED[reason],
      ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      connectionId: connectionId || null,
      webhookId: webhookId.slice(0, 200) || null,
    };
    logger.warn('Webhook delivery refused', { flowId, ...details });
    await audit.record({
      actorId: null,
      action: 'webhook.refused',
      subjectType: 'flow',
      subjectId: flowId,
      details,
    });
  }

  return router;
}
