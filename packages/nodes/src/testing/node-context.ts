import type { NodeRunContext, UpstreamStep } from '../core/define-node.js';
import type { LlmPort, LlmRequest, PublisherPort, PublishRequest } from '../ports.js';
import type { BrandKitInput } from '@tandem/schema';
import { demoBrandKit } from '../templates/demo-brand-kit.js';

/** A run context for calling one node's run() directly in tests. */
export function nodeContext<C>(
  config: C,
  overrides: Partial<NodeRunContext<C>> & { upstream?: UpstreamStep[] } = {},
): NodeRunContext<C> & { llmRequests: LlmRequest[]; published: PublishRequest[] } {
  const llmRequests: LlmRequest[] = [];
  const published: PublishRequest[] = [];
  const llm: LlmPort = {
    provider: 'offline',
    defaultModel: 'test',
    async complete(request) {
      llmRequests.push(request);
      return {
        text: 'generated',
        model: 'test',
        usage: { promptTokens: 1, completionTokens: 2, costUsd: 0 },
      };
    },
  };
  const publisher: PublisherPort = {
    async publish(request) {
      published.push(request);
      return { status: 200, target: 'test', request: {}, durationMs: 1 };
    },
  };
  const brand: BrandKitInput = demoBrandKit;
  return {
    config,
    node: { id: 'node', type: 'test' },
    run: { id: 'run_1', flowId: 'flow_1', flowVersionId: 'fv_1', startedBy: 'u1' },
    input: { topic: 'Launch' },
    steps: {},
    upstream: [],
    brand,
    llm,
    publisher,
    clock: { now: () => new Date('2026-01-05T09:00:00.000Z') },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    attempt: 1,
    iteration: 0,
    ...overrides,
    llmRequests,
    published,
  };
}
