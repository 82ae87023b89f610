import { AppError, isAppError } from '@tandem/schema';
import type { DeliveryAttempt, Publication, Step } from '@tandem/schema';
import { hashContent } from '@tandem/nodes';
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

/**
 * The hash of what a human approved upstream of `nodeId`: the nearest review step that passed
 * content on. Null when no checkpoint stands before this publish step.
 */
export function approvedHashFor(snapshot: RunSnapshot, nodeId: string): string | null {
  for (const { nodeId: id } of snapshot.prepared.ancestors.get(nodeId) ?? []) {
    const step = snapshot.latest.get(id);
    if (step?.type !== 'human.review' || step.status !== 'done') continue;
    const output = step.output as { approved?: boolean; contentHash?: string } | null;
    if (output?.approved && output.contentHash) return output.contentHash;
  }
  return null;
}

function mismatch(message: string, details: Record<string, unknown>): AppError {
  return new AppError({ code: 'CONTENT_MISMATCH', origin: 'user', message, details });
}

function excerpt(text: string | undefined | null): string | null {
  return text ? text.slice(0, 500) : null;
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
  const key = `${snapshot.run.id}:${step.nodeId}`;
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
      const approved = approvedHashFor(snapshot, step.nodeId);
      if (approved && approved !== contentHash) {
        throw mismatch('This content differs from what the reviewer approved; it was not sent', {
          approvedHash: approved,
          contentHash,
        });
      }
      // The snapshot may predate a cancel that landed before this step was written running
      // (a replayed dead letter re-runs after its lock is released): the run is read again.
      if ((await engine.store.runs.get(snapshot.run.id)).status === 'canceled') {
        throw canceledBeforeSending();
      }
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
