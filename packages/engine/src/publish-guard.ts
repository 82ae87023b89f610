import { AppError, isAppError } from '@tandem/schema';
import type { DeliveryAttempt, Publication, Step } from '@tandem/schema';
import { hashContent, publicationKeyOf } from '@tandem/nodes';
import type { PublisherPort, PublishRequest, PublishResult } from '@tandem/nodes';
import type { EngineContext, RunSnapshot } from './engine-context.js';
import { shouldRetry } from './retry-policy.js';
import { canceledBeforeSending } from './unsent-publications.js';

const SECRET_KEY = /secret|token|password|authorization|api[-_]?key|cookie/i;

/** Config as kept on the Publication: header values and secret-looking fields masked. */
export function redactConfig(config: Record<string, unknown>): Record<string, unknown> {
  const redact = (value: unknown, key: string): unknown => {
    if (SECRET_KEY.test(key)) return '***';
    if (key === 'headers' && Array.isArray(value)) {
      return value.map((h: { name?: unknown }) => ({ name: h?.name ?? null, value: '***' }));
    }
    if (Array.isArray(value)) return value.map((v) => redact(v, ''));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
    }
    return value === undefined ? null : value;
  };
  return redact(config, '') as Record<string, unknown>;
}

interface ApprovedCheckpoint {
  nodeId: string;
  contentHash: string;
  sourceNodeId: string | null;
}

/** The review steps before `nodeId` that passed content on, nearest first. */
function approvedCheckpoints(snapshot: RunSnapshot, nodeId: string): ApprovedCheckpoint[] {
  const found: ApprovedCheckpoint[] = [];
  for (const { nodeId: id } of snapshot.prepared.ancestors.get(nodeId) ?? []) {
    const step = snapshot.latest.get(id);
    if (step?.type !== 'human.review' || step.status !== 'done') continue;
    const output = step.output as {
      approved?: boolean;
      contentHash?: string;
      sourceNodeId?: string | null;
    } | null;
    if (output?.approved && output.contentHash) {
      found.push({
        nodeId: id,
        contentHash: output.contentHash,
        sourceNodeId: output.sourceNodeId ?? null,
      });
    }
  }
  return found;
}

/**
 * The hashes a publish step's content must match: what the nearest review step before it
 * approved, and what every parallel review of the same source approved. A review later on the
 * same path supersedes an earlier one (a sign-off may edit what a first reviewer passed), but
 * two reviews side by side (legal and brand) must both have approved the content sent: after
 * one of them asked for a redraft, the other's approval was of the draft before. Empty when no
 * checkpoint stands before this publish step.
 */
export function approvedHashesFor(snapshot: RunSnapshot, nodeId: string): string[] {
  const approved = approvedCheckpoints(snapshot, nodeId);
  const nearest = approved[0];
  if (!nearest) return [];
  const { ancestors } = snapshot.prepared;
  const superseded = (id: string) =>
    approved.some((other) => ancestors.get(other.nodeId)?.some((a) => a.nodeId === id));
  const parallel = approved.filter(
    (c) => c !== nearest && c.sourceNodeId === nearest.sourceNodeId && !superseded(c.nodeId),
  );
  return [nearest, ...parallel].map((c) => c.contentHash);
}

function mismatch(message: string, details: Record<string, unknown>): AppError {
  return new AppError({ code: 'CONTENT_MISMATCH', origin: 'user', message, details });
}

function excerpt(text: string | undefined | null): string | null {
  return text ? text.slice(0, 500) : null;
}

/**
 * A test run's publish: what the publisher would send and where, checked as far as it can be
 * without sending, and nothing else: no publication, no library entry, no audit event.
 * Publishers without a preview (test doubles) show the request as a publication would keep it.
 */
async function wouldSend(engine: EngineContext, request: PublishRequest): Promise<PublishResult> {
  const preview = engine.publisher.preview
    ? await engine.publisher.preview(request)
    : {
        target: request.channel,
        request: { content: request.content, config: redactConfig(request.config) },
      };
  return {
    status: null,
    target: preview.target.slice(0, 2_000),
    request: JSON.parse(JSON.stringify(preview.request)) as Record<string, unknown>,
    durationMs: 0,
  };
}

/**
 * Wraps the real publisher for one publish step: exactly one Publication per `runId:nodeId`,
 * only the approved content, every attempt recorded, and a success never sent twice.
 */
export function guardedPublisher(
  engine: EngineContext,
  snapshot: RunSnapshot,
  step: Step,
): PublisherPort {
  const key = publicationKeyOf(snapshot.run.id, step.nodeId, step.iteration);
  const save = async (publication: Publication): Promise<Publication> => {
    const saved = await engine.store.publications.update({
      ...publication,
      updatedAt: engine.now(),
    });
    engine.emit({ type: 'publication.updated', publication: saved });
    return saved;
  };

  /** The publication for `key`, created as `sending`, or the one already recorded. */
  const createOrFind = async (request: PublishRequest, contentHash: string) => {
    const now = engine.now();
    try {
      return await engine.store.publications.create({
        id: engine.newId('pub'),
        key,
        runId: snapshot.run.id,
        flowId: snapshot.run.flowId,
        nodeId: step.nodeId,
        channel: request.channel,
        status: 'sending',
        contentHash,
        request: JSON.parse(
          JSON.stringify({ content: request.content, config: redactConfig(request.config) }),
        ),
        target: '',
        attempts: [],
        externalId: null,
        error: null,
        createdAt: now,
        updatedAt: now,
        revision: 0,
      });
    } catch (error) {
      if (!isAppError(error, 'CONFLICT')) throw error;
      const recorded = await engine.store.publications.findByKey(key);
      if (!recorded) throw error;
      return recorded;
    }
  };

  return {
    async publish(request: PublishRequest): Promise<PublishResult> {
      const contentHash = hashContent(request.content);
      const approved = approvedHashesFor(snapshot, step.nodeId);
      const differing = approved.find((hash) => hash !== contentHash);
      if (differing) {
        throw mismatch('This content differs from what the reviewer approved; it was not sent', {
          approvedHash: differing,
          contentHash,
        });
      }
      // The snapshot may predate a cancel that landed before this step was written running
      // (a replayed dead letter re-runs after its lock is released): the run is read again.
      if ((await engine.store.runs.get(snapshot.run.id)).status === 'canceled') {
        throw canceledBeforeSending();
      }
      if (snapshot.run.test) return wouldSend(engine, { ...request, key, contentHash });
      // A first attempt creates the record straight away (the key's uniqueness catches one
      // made before); a later attempt (a retry, or a step run again after a crash) looks first.
      let publication = step.attempts > 1 ? await engine.store.publications.findByKey(key) : null;
      publication ??= await createOrFind(request, contentHash);
      if (publication.contentHash !== contentHash) {
        throw mismatch('A different content was already recorded for this publication', {
          key,
          recordedHash: publication.contentHash,
          contentHash,
        });
      }
      if (publication.status === 'succeeded') {
        return {
          status: publication.attempts.at(-1)?.status ?? null,
          ...(publication.externalId ? { externalId: publication.externalId } : {}),
          target: publication.target,
          request: publication.request,
          durationMs: 0,
        };
      }
      if (publication.status !== 'sending')
        publication = await save({ ...publication, status: 'sending' });
      else if (publication.revision === 0)
        engine.emit({ type: 'publication.updated', publication });
      const started = engine.clock.now().getTime();
      try {
        const result = await engine.publisher.publish({
          ...request,
          key,
          contentHash,
          attempt: publication.attempts.length + 1,
        });
        const attempt: DeliveryAttempt = {
          at: engine.now(),
          status: result.status,
          durationMs: result.durationMs,
          error: null,
          responseExcerpt: excerpt(result.responseExcerpt),
        };
        await save({
          ...publication,
          status: 'succeeded',
          attempts: [...publication.attempts, attempt].slice(-100),
          target: result.target.slice(0, 2_000),
          request: JSON.parse(JSON.stringify(result.request)),
          externalId: result.externalId ?? null,
          error: null,
        });
        await engine.audit({
          actorId: null,
          action: 'publication.sent',
          subjectType: 'publication',
          subjectId: key,
          details: { channel: request.channel, target: result.target, contentHash },
        });
        return result;
      } catch (error) {
        const appError = isAppError(error) ? error : null;
        const status = appError?.details.status;
        const attempt: DeliveryAttempt = {
          at: engine.now(),
          status: typeof status === 'number' ? status : null,
          durationMs: Math.max(0, engine.clock.now().getTime() - started),
          error: (error instanceof Error ? error.message : String(error)).slice(0, 2_000),
          responseExcerpt: excerpt(appError?.details.responseExcerpt as string | undefined),
        };
        const retrying =
          appError !== null && shouldRetry(engine.limits.retry, step.attempts, appError);
        await save({
          ...publication,
          status: retrying ? 'failed' : 'dead',
          attempts: [...publication.attempts, attempt].slice(-100),
          error: attempt.error,
        });
        if (!retrying) {
          await engine.audit({
            actorId: null,
            action: 'publication.dead',
            subjectType: 'publication',
            subjectId: key,
            details: { channel: request.channel, error: attempt.error },
          });
        }
        throw error;
      }
    },
  };
}
