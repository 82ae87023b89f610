import { AppError } from '@tandem/schema';
import type {
  LlmPort,
  LlmRequest,
  LlmResult,
  PublisherPort,
  PublishRequest,
  PublishResult,
} from '@tandem/nodes';

type LlmStep =
  | string
  | { data: unknown }
  | { text: string }
  | AppError
  | ((request: LlmRequest) => LlmResult | string);

/**
 * A test double of the LLM port: answers from a script, in order, then repeats the fallback.
 * Every request is kept so tests can assert what the AI step asked.
 */
export function createScriptedLlm(script: LlmStep[] = [], fallback: LlmStep = 'Draft text') {
  const requests: LlmRequest[] = [];
  const queue = [...script];
  const llm: LlmPort & { requests: LlmRequest[]; push(...steps: LlmStep[]): void } = {
    provider: 'offline',
    defaultModel: 'scripted',
    requests,
    push: (...steps) => queue.push(...steps),
    async complete(request) {
      requests.push(request);
      const next = queue.length > 0 ? queue.shift()! : fallback;
      const usage = { promptTokens: 10, completionTokens: 20, costUsd: 0.001 };
      if (next instanceof AppError) throw next;
      if (typeof next === 'function') {
        const out = next(request);
        return typeof out === 'string' ? { text: out, model: 'scripted', usage } : out;
      }
      if (typeof next === 'string') return { text: next, model: 'scripted', usage };
      if ('data' in next)
        return { text: JSON.stringify(next.data), data: next.data, model: 'scripted', usage };
      return { text: next.text, model: 'scripted', usage };
    },
  };
  return llm;
}

type PublishStep = 'ok' | AppError;

/** A test double of the publisher port that records what would have gone out. */
export function createRecordingPublisher(script: PublishStep[] = []) {
  const queue = [...script];
  const sent: PublishRequest[] = [];
  const attempts: PublishRequest[] = [];
  const previews: PublishRequest[] = [];
  const publisher: PublisherPort & {
    sent: PublishRequest[];
    attempts: PublishRequest[];
    /** Requests a test run's publish steps only rendered. */
    previews: PublishRequest[];
    push(...s: PublishStep[]): void;
  } = {
    sent,
    attempts,
    previews,
    push: (...steps) => queue.push(...steps),
    async preview(request) {
      previews.push(request);
      return {
        target: `test://${request.channel}`,
        request: { key: request.key, text: request.content.text },
      };
    },
    async publish(request): Promise<PublishResult> {
      attempts.push(request);
      const next = queue.length > 0 ? queue.shift()! : 'ok';
      if (next instanceof AppError) throw next;
      sent.push(request);
      return {
        status: 200,
        externalId: `ext-${sent.length}`,
        target: `test://${request.channel}`,
        request: { key: request.key, text: request.content.text },
        durationMs: 3,
      };
    },
  };
  return publisher;
}

export function transientError(retryAfterMs?: number, status = 503): AppError {
  return new AppError({
    code: 'PUBLISH_FAILED',
    message: `Upstream answered ${status}`,
    retryable: true,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    details: { status },
  });
}
