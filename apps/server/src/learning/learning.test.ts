import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstTaskOfRun, startTestServer, waitFor, publishFlow } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { reviewFlow } from '../testing/fixtures.js';
import { createOfflineLlm } from '@tandem/connectors';
import type { LlmPort, LlmRequest } from '@tandem/nodes';
import type { DecisionAction, StorePort, Task } from '@tandem/schema';
import type { AuditService } from '../audit/audit.service.js';
import { createLearningService } from './learning.service.js';

// The offline model, recording what each AI step asked, to see learning reach the prompt.
const offline = createOfflineLlm();
const prompts: LlmRequest[] = [];
const llm: LlmPort = {
  provider: offline.provider,
  defaultModel: offline.defaultModel,
  complete: (request) => {
    prompts.push(request);
    return offline.complete(request);
  },
};

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;
let flowId: string;

async function reviewOnce(topic: string, edit: (text: string) => string) {
  const run = await server.request('POST', `/api/flows/${flowId}/runs`, {
    token: t.designer,
    body: { input: { topic } },
  });
  const task = await firstTaskOfRun(server, t.reviewer, run.body.id);
  const res = await server.request('POST', `/api/tasks/${task.id}/decision`, {
    token: t.reviewer,
    body: { action: 'edit', content: edit(task.content.text) },
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  server = await startTestServer({ overrides: { llm } });
  t = await server.tokens();
  flowId = await publishFlow(server, t.designer, reviewFlow('https://cms.example.com/hook'));
});
afterAll(() => server.close());

describe('learning from reviewer edits', () => {
  it('proposes a recurring replacement as a suggestion for the AI step, and not a one-off', async () => {
    const swap = (text: string) => text.replace(/leverage/g, 'use').replace(/Leverage/g, 'Use');
    await reviewOnce('How teams leverage dashboards', swap);
    await reviewOnce('Why we leverage forecasts', (text) =>
      swap(text).replace(/forecasts/g, 'predictions'),
    );
    await reviewOnce('Ways to leverage reports', swap);
    const suggestions = await waitFor(async () => {
      const res = await server.request('GET', `/api/suggestions?flowId=${flowId}`, {
        token: t.manager,
      });
      return res.body.items.length ? res.body.items : undefined;
    });
    expect(suggestions).toContainEqual(
      expect.objectContaining({
        nodeId: 'draft',
        kind: 'preferred_term',
        use: 'use',
        insteadOf: 'leverage',
        status: 'proposed',
      }),
    );
    expect(suggestions.some((s: { insteadOf: string | null }) => s.insteadOf === 'forecasts')).toBe(
      false,
    );

    // Accepted, the rule reaches the next AI call of that step.
    const rule = suggestions.find((s: { insteadOf: string | null }) => s.insteadOf === 'leverage');
    const accepted = await server.request('POST', `/api/suggestions/${rule.id}/accept`, {
      token: t.manager,
    });
    expect(accepted.status).toBe(200);
    prompts.length = 0;
    await server.request('POST', `/api/flows/${flowId}/runs`, {
      token: t.designer,
      body: { input: { topic: 'Next post' } },
    });
    const next = await waitFor(async () => prompts[0]);
    const text = next.messages.map((m) => m.content).join('\n');
    expect(text).toMatch(/"use"[^\n]*"leverage"/);
  });
});

describe('when mining runs', () => {
  it('mines after edits, rejections and requests for changes, not after plain approvals', async () => {
    const passes: string[] = [];
    const empty = { items: [], nextCursor: null };
    const store = {
      feedback: {
        list: async (o: { sourceNodeId: string }) => (passes.push(o.sourceNodeId), empty),
      },
      suggestions: { list: async () => [] },
      brandKits: { list: async () => [] },
    } as unknown as StorePort;
    const silent = { debug() {}, info() {}, warn() {}, error() {} };
    const learning = createLearningService({
      store,
      clock: { now: () => new Date() },
      logger: silent,
      audit: { record: async () => undefined } as unknown as AuditService,
      onSuggestion: () => undefined,
    });
    const decided = (action: DecisionAction, sourceNodeId: string) =>
      ({
        status: 'decided',
        flowId: 'flow_1',
        content: { sourceNodeId },
        decision: { action },
      }) as unknown as Task;
    learning.afterDecision(decided('approve', 'approved'));
    await learning.idle();
    expect(passes).toEqual([]);
    for (const action of ['edit', 'reject', 'request_changes'] as const) {
      learning.afterDecision(decided(action, action));
      await learning.idle();
    }
    expect(passes).toEqual(['edit', 'reject', 'request_changes']);
  });
});
