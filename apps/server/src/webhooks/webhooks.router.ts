import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, IdSchema, isAppError } from '@tandem/schema';
import type { StorePort } from '@tandem/schema';
import { WEBHOOK_ROUTE } from '@tandem/nodes';
import type { Clock, Logger } from '@tandem/nodes';
import type { Engine } from '@tandem/engine';
import { openConnection, signWebhook } from '@tandem/connectors';
import type { SecretBox } from '@tandem/connectors';
import type { AuditService } from '../audit/audit.service.js';
import type { RawBodyRequest } from '../http/security.js';
import { parseParams } from '../http/validate.js';
import { callerKey } from '../auth/caller-key.js';
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
 * cannot probe whether a flow exists, takes webhooks, has a signing connection, and so on.
 */
type Refusal =
  | 'unknown_flow'
  | 'flow_not_published'
  | 'no_webhook_trigger'
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
  unknown_flow: 'No flow has this id (or it was deleted)',
  flow_not_published: 'The flow has no published version yet; publish it to take deliveries',
  no_webhook_trigger: "The flow's published version does not start with a webhook trigger",
  no_signing_connection: 'The webhook trigger has no signing connection; choose one in the flow',
  connection_missing: "The trigger's signing connection no longer exists; choose another one",
  connection_not_webhook: "The trigger's connection is not a webhook signing connection",
  connection_disabled: "The trigger's signing connection is disabled; enable it in Settings",
  no_signing_secret: 'The signing connection has no signing secret; add one in Settings',
  unsigned: 'The call had no complete signature (webhook-id, webhook-timestamp, webhook-signature)',
  timestamp_outside_window: "The call's webhook-timestamp was more than five minutes off",
  signature_mismatch: "The signature did not match the connection's signing secret",
};

/**
 * Signs where a refusal has no key of its own (no flow, no connection, no secret), so every
 * refusal computes the HMAC over the body that a real check computes: otherwise a caller could
 * time the answers and tell "no such flow" or "no signing connection" from a bad signature,
 * which the uniform answer exists to hide. Random per process; no caller can hold it.
 */
const STAND_IN_KEY = `whsec_${randomBytes(24).toString('base64')}`;
/** Looked up where no connection is named, for the same reason: a real check reads one. */
const STAND_IN_CONNECTION_ID = 'con_stand_in_for_timing';

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

  router.post(WEBHOOK_ROUTE, async (req, res) => {
    const caller = callerKey(req.ip ?? req.socket.remoteAddress ?? 'unknown');
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
    // Both read either way, so an unknown flow costs what a known one does.
    const [flow, latest] = await Promise.all([
      store.flows.find(flowId),
      store.flowVersions.latest(flowId),
    ]);
    const version = flow ? latest : null;
    const trigger = version?.graph.nodes.find((n) => n.type === 'trigger.webhook');
    const named = trigger?.config.connectionId;
    const connectionId = typeof named === 'string' ? named : '';
    const id = req.header('webhook-id') ?? '';
    // Checked even when the flow already refuses the call: the same work for every refusal.
    const signatureRefusal = await checkSignature(req, connectionId, id);
    if (!version || !trigger) {
      const why = !flow ? 'unknown_flow' : !version ? 'flow_not_published' : 'no_webhook_trigger';
      await noteRefusal(req, flowId, why, connectionId, id);
      throw refused();
    }
    if (signatureRefusal) {
      await noteRefusal(req, flowId, signatureRefusal, connectionId, id);
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

  /**
   * The signing connection's keys, or why there are none. Reads a connection even when none is
   * named, and never stops early before the HMAC (see STAND_IN_KEY): a misconfigured trigger
   * answered measurably faster than a real signature check.
   */
  async function signingKeys(connectionId: string): Promise<{ keys: string[]; why?: Refusal }> {
    const connection = await store.connections.find(connectionId || STAND_IN_CONNECTION_ID);
    if (!connectionId) return { keys: [], why: 'no_signing_connection' };
    if (!connection) return { keys: [], why: 'connection_missing' };
    if (connection.kind !== 'webhook') return { keys: [], why: 'connection_not_webhook' };
    if (connection.disabled) return { keys: [], why: 'connection_disabled' };
    const { secrets } = openConnection(secretBox, connection);
    const keys = [secrets.signingSecret, secrets.previousSigningSecret].filter(
      (s): s is string => typeof s === 'string' && s.length > 0,
    );
    return keys.length > 0 ? { keys } : { keys, why: 'no_signing_secret' };
  }

  /** Null when the call is signed with the secret of the connection `connectionId` names. */
  async function checkSignature(
    req: Request,
    connectionId: string,
    id: string,
  ): Promise<Refusal | null> {
    const { keys, why } = await signingKeys(connectionId);
    // Whole seconds in plain digits: Number() alone also took "0x1", "1e0", "1.0" and "" (as 0).
    const timestampHeader = req.header('webhook-timestamp') ?? '';
    const timestamp = /^\d{1,12}$/.test(timestampHeader) ? Number(timestampHeader) : NaN;
    const signature = req.header('webhook-signature') ?? '';
    const nowSeconds = Math.floor(clock.now().getTime() / 1000);
    const headersWrong: Refusal | null =
      !id || id.length > 200 || !Number.isInteger(timestamp) || !signature
        ? 'unsigned'
        : Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS
          ? 'timestamp_outside_window'
          : null;
    const body = (req as RawBodyRequest).rawBody?.toString('utf8') ?? '';
    const expected = (keys.length > 0 ? keys : [STAND_IN_KEY]).map((k) =>
      signWebhook(id, timestamp, body, [k]),
    );
    const matches = signatureMatches(signature, expected);
    return why ?? headersWrong ?? (matches && keys.length > 0 ? null : 'signature_mismatch');
  }

  /**
   * Tells the flow's owners why deliveries are refused (a sender with an old secret, a disabled
   * connection): a warning in the log and a `webhook.refused` audit event. Never the secret or
   * the signature; the caller's webhook-id only as far as it is a plausible one.
   *
   * Calls to an unknown flow id are audited too: admins see someone probing for flow ids, and
   * skipping the write would make that refusal answer faster than the rest. What a stranger can
   * add to the audit trail is bounded by the refusal limit per address (webhook-limits.ts): past
   * it they get 429 before this runs, and the flow id they write is a valid IdSchema id. Many
   * addresses together are bounded by the audited-refusal cap: past it a refusal is counted, not
   * written (nor logged), and one summary event a window later says how many there were.
   * Skipping the write then tells a caller only that refusals are flooding in, nothing about
   * any flow.
   */
  async function noteRefusal(
    req: Request,
    flowId: string,
    reason: Refusal,
    connectionId: string,
    webhookId: string,
  ): Promise<void> {
    const slot = limits.auditSlot();
    if (!slot.record) {
      // Said once per flood, so whoever reads the log knows the trail is being thinned.
      if (slot.floodStarts) {
        logger.warn(
          'Webhook refusals arrive faster than the audit trail records them one by one; a summary event counts the rest',
          { flowId, reason },
        );
      }
      if (slot.summaryInMs !== null) {
        // Unref'd: a count due after the server stopped is not worth keeping it alive for.
        setTimeout(() => void recordRefusalSummary(), slot.summaryInMs).unref();
      }
      return;
    }
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

  /**
   * The refusals counted past the cap since the last summary, as one event: how many, from when
   * to when. Written one window after the first of them, so a flood that stops is still counted.
   */
  async function recordRefusalSummary(): Promise<void> {
    const { count, since } = limits.takeUnrecorded();
    if (count === 0) return;
    const details = {
      refusals: count,
      from: new Date(since).toISOString(),
      to: clock.now().toISOString(),
      explanation:
        'Refused webhook calls arrived faster than the audit trail records them one by one; these were counted, not recorded',
    };
    try {
      await audit.record({
        actorId: null,
        action: 'webhook.refusals_counted',
        subjectType: 'webhooks',
        subjectId: 'refused',
        details,
      });
    } catch (error) {
      logger.warn('The count of webhook refusals left out of the audit trail was not recorded', {
        ...details,
        error: String(error),
      });
    }
  }

  return router;
}
