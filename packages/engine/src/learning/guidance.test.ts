import { describe, expect, it } from 'vitest';
import { buildMessages } from '@tandem/nodes';
import { createMemoryStore } from '@tandem/store';
import type { Suggestion } from '@tandem/schema';
import { buildPromptGuidance, createLearningGuidance, mergeAcceptedRules } from './guidance.js';
import { mineCorrections, proposalToSuggestion } from './corrections.js';
import { feedback } from './testing/feedback-fixture.js';
import type { EngineOptions, GuidanceRequest } from '../engine.types.js';
import { blogGraph, createHarness, designer, reviewer } from '../testing/harness.js';

const NOW = '2026-03-01T00:00:00.000Z';

function suggestion(over: Partial<Suggestion>): Suggestion {
  return {
    id: `sg-${Math.random().toString(36).slice(2, 10)}`,
    flowId: 'flow-1',
    nodeId: 'draft',
    kind: 'prompt_note',
    use: null,
    insteadOf: null,
    phrase: null,
    note: null,
    occurrences: 3,
    status: 'accepted',
    decidedBy: 'manager-1',
    decidedAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    revision: 0,
    ...over,
  };
}

describe('buildPromptGuidance', () => {
  it('turns accepted rules into notes once each and keeps example texts', () => {
    const guidance = buildPromptGuidance({
      examples: [
        {
          feedbackId: 'fb-1',
          text: 'Approved text.',
          edited: true,
          truncated: false,
          createdAt: NOW,
        },
      ],
      acceptedSuggestions: [
        suggestion({ kind: 'preferred_term', use: 'use', insteadOf: 'utilize' }),
        suggestion({ kind: 'preferred_term', use: 'Use', insteadOf: 'Utilize' }),
        suggestion({ kind: 'banned_phrase', phrase: 'world-class' }),
        suggestion({ kind: 'prompt_note', note: ' Keep it   short. ' }),
        suggestion({ kind: 'prompt_note', note: 'Proposed only.', status: 'proposed' }),
      ],
    });
    expect(guidance).toEqual({
      examples: ['Approved text.'],
      notes: ['Write "use", not "utilize".', 'Never write "world-class".', 'Keep it short.'],
    });
  });
});

describe('mergeAcceptedRules', () => {
  it('adds accepted terms and phrases to the brand kit for check.brand, without duplicates', () => {
    const kit = {
      name: 'Acme',
      preferredTerms: [{ use: 'customers', insteadOf: 'users' }],
      bannedPhrases: ['synergy'],
    };
    const merged = mergeAcceptedRules(kit, [
      suggestion({ kind: 'preferred_term', use: 'use', insteadOf: 'utilize' }),
      suggestion({ kind: 'preferred_term', use: 'clients', insteadOf: 'Users' }),
      suggestion({ kind: 'banned_phrase', phrase: 'Synergy' }),
      suggestion({ kind: 'banned_phrase', phrase: 'world-class' }),
      suggestion({ kind: 'banned_phrase', phrase: 'dismissed', status: 'dismissed' }),
    ]);
    expect(merged).toEqual({
      name: 'Acme',
      preferredTerms: [
        { use: 'customers', insteadOf: 'users' },
        { use: 'use', insteadOf: 'utilize' },
      ],
      bannedPhrases: ['synergy', 'world-class'],
    });
    expect(kit.bannedPhrases).toEqual(['synergy']);
  });
});

describe('createLearningGuidance over the store port', () => {
  it("takes examples only from the step's current prompt version", async () => {
    const store = createMemoryStore();
    await store.feedback.create(
      feedback({ promptVersion: 'pv-blog', original: 'A long blog post.' }),
    );
    await store.feedback.create(feedback({ promptVersion: 'pv-tweet', original: 'A tweet.' }));
    const guidance = createLearningGuidance();
    const request = { flowId: 'flow-1', nodeId: 'draft', store };
    expect(await guidance({ ...request, promptVersion: 'pv-tweet' })).toEqual({
      examples: ['A tweet.'],
      notes: [],
    });
    expect(await guidance({ ...request, promptVersion: 'pv-new' })).toBeUndefined();
  });

  it('the engine asks with the prompt version the feedback on its output will carry', async () => {
    const requests: GuidanceRequest[] = [];
    const learn = createLearningGuidance();
    const h = await createHarness({
      guidance: (request) => {
        requests.push(request);
        return learn(request);
      },
    });
    const flowId = await h.deploy(blogGraph());
    h.llm.push('We help customers plan.');
    await h.engine.startRun({ flowId, input: { topic: 't' }, startedBy: designer.id });
    await h.engine.idle();
    const [task] = (await h.store.tasks.list({ flowId })).items;
    await h.engine.decide(task!.id, { action: 'approve' }, reviewer);
    await h.engine.idle();
    const [written] = (await h.store.feedback.list({ flowId })).items;
    expect(written!.promptVersion).toMatch(/^pv_/);
    expect(requests[0]!.promptVersion).toBe(written!.promptVersion);
    h.llm.push('Another draft.');
    await h.engine.startRun({ flowId, input: { topic: 't' }, startedBy: designer.id });
    await h.engine.idle();
    expect(await learn(requests[1]!)).toEqual({ examples: ['We help customers plan.'], notes: [] });
  });

  it('plugs into the engine as its guidance option', () => {
    const option: EngineOptions['guidance'] = createLearningGuidance();
    expect(typeof option).toBe('function');
  });

  it('is empty at first; after decisions and an accepted proposal the next prompt changes', async () => {
    const store = createMemoryStore();
    const guidance = createLearningGuidance({ k: 2 });
    const request = { flowId: 'flow-1', nodeId: 'draft', store };
    expect(await guidance(request)).toBeUndefined();

    const history = [1, 2, 3].map((i) =>
      feedback({ original: `We utilize tool ${i}.`, final: `We use tool ${i}.` }),
    );
    for (const f of history) await store.feedback.create(f);
    await store.feedback.create(feedback({ sourceNodeId: 'other', original: 'Elsewhere.' }));

    const examplesOnly = await guidance(request);
    expect(examplesOnly).toEqual({ examples: ['We use tool 3.', 'We use tool 2.'], notes: [] });

    const [proposal] = mineCorrections(history);
    const stored = await store.suggestions.create(
      proposalToSuggestion(proposal!, { id: 'sg-1', now: NOW }),
    );
    const before = buildMessages({
      prompt: 'Write about our tools.',
      brand: null,
      guidance: (await guidance(request))!,
    });
    await store.suggestions.update({
      ...stored,
      status: 'accepted',
      decidedBy: 'manager-1',
      decidedAt: NOW,
    });
    const withRule = await guidance(request);
    expect(withRule?.notes).toEqual(['Write "use", not "utilize".']);
    const after = buildMessages({
      prompt: 'Write about our tools.',
      brand: null,
      guidance: withRule!,
    });
    expect(before[0]!.content).not.toContain('Write "use", not "utilize".');
    expect(after[0]!.content).toContain('Write "use", not "utilize".');
  });
});
