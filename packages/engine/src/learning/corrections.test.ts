import { describe, expect, it } from 'vitest';
import { mineCorrections, suggestionKey } from './corrections.js';
import { feedback } from './testing/feedback-fixture.js';

/**
 * A week of reviewer decisions on AI step "draft": repeated corrections the team makes, mixed
 * with one-offs and noise the miner must ignore.
 */
function decisions() {
  return [
    // "utilize" → "use", four different decisions (one at a sentence start).
    feedback({
      original: 'We utilize data to plan campaigns.',
      final: 'We use data to plan campaigns.',
    }),
    feedback({
      original: 'Utilize the dashboard daily.',
      final: 'Use the dashboard daily.',
    }),
    feedback({
      original: 'Teams utilize our reports. They utilize alerts too.',
      final: 'Teams use our reports. They use alerts too.',
    }),
    feedback({
      original: 'Marketers utilize templates.',
      final: 'Marketers use templates.',
    }),
    // One-off replacement: must be ignored.
    feedback({ original: 'We leverage AI.', final: 'We apply AI.' }),
    // "world-class" always deleted (three decisions).
    feedback({
      original: 'Our world-class support team helps.',
      final: 'Our support team helps.',
    }),
    feedback({ original: 'A world-class tool for you.', final: 'A tool for you.' }),
    feedback({ original: 'Get world-class insights now.', final: 'Get insights now.' }),
    // "amazing" deleted three times but kept in four approvals: not consistent, not proposed.
    feedback({ original: 'An amazing launch.', final: 'A launch.' }),
    feedback({ original: 'Amazing results today.', final: 'Results today.' }),
    feedback({ original: 'See amazing charts.', final: 'See charts.' }),
    ...['One amazing day.', 'Two amazing days.', 'Three amazing days.', 'Four amazing days.'].map(
      (original) => feedback({ original }),
    ),
    // A one-off deletion.
    feedback({ original: 'Honestly, we ship fast.', final: 'We ship fast.' }),
    // A disclaimer reviewers keep adding.
    ...['Spring sale is on.', 'Summer sale is on.', 'Autumn sale is on.'].map((original) =>
      feedback({ original, final: `${original} Terms apply.` }),
    ),
    // Rejections and send-backs with recurring tags and reasons.
    feedback({ action: 'reject', final: '', reason: 'Too long.', tags: ['too-long'] }),
    feedback({
      action: 'request_changes',
      final: '',
      reason: 'too long',
      tags: ['too-long', 'tone'],
    }),
    feedback({ action: 'reject', final: '', reason: 'Too  long!', tags: ['too-long', 'legal'] }),
    feedback({ action: 'reject', final: '', reason: 'Wrong date.', tags: ['other'] }),
    // Another step and feedback without an AI step never mix in.
    ...[1, 2, 3].map(() =>
      feedback({
        sourceNodeId: 'subject',
        original: 'Utilize this offer.',
        final: 'Grab this offer.',
      }),
    ),
    ...[1, 2, 3].map(() =>
      feedback({ sourceNodeId: null, original: 'Hello utilize.', final: 'Hello use.' }),
    ),
  ];
}

describe('mineCorrections', () => {
  it('finds the repeated replacements, deletions, additions, tags and reasons; ignores one-offs', () => {
    const proposals = mineCorrections(decisions(), { minOccurrences: 3 });
    const draft = proposals.filter((p) => p.nodeId === 'draft');
    expect(draft.map((p) => p.key).sort()).toEqual(
      [
        'banned_phrase:world-class',
        'preferred_term:utilize=>use',
        'prompt_note:keep it shorter; reviewers often cut drafts for length.',
        'prompt_note:reviewers asked: too long.',
        'prompt_note:reviewers keep adding "terms apply."; include it where it fits.',
      ].sort(),
    );
    const term = draft.find((p) => p.kind === 'preferred_term')!;
    expect(term).toMatchObject({
      flowId: 'flow-1',
      nodeId: 'draft',
      use: 'use',
      insteadOf: 'utilize',
      phrase: null,
      note: null,
      occurrences: 4,
      kept: 0,
    });
    expect(term.feedbackIds).toHaveLength(4);
    expect(draft[0]!.key).toBe('preferred_term:utilize=>use');
    expect(draft.find((p) => p.kind === 'banned_phrase')).toMatchObject({
      phrase: 'world-class',
      occurrences: 3,
    });
    expect(draft.some((p) => JSON.stringify(p).includes('leverage'))).toBe(false);
    expect(draft.some((p) => JSON.stringify(p).includes('amazing'))).toBe(false);
    expect(draft.some((p) => JSON.stringify(p).includes('onestly'))).toBe(false);
    expect(draft.some((p) => p.note?.includes('legal'))).toBe(false);

    // The other step has its own correction; feedback without an AI step is ignored.
    expect(proposals.filter((p) => p.nodeId === 'subject').map((p) => p.key)).toEqual([
      'preferred_term:utilize=>grab',
    ]);
    expect(proposals.every((p) => p.nodeId === 'draft' || p.nodeId === 'subject')).toBe(true);
  });

  it('needs minOccurrences decisions, counting decisions rather than words', () => {
    const proposals = mineCorrections(decisions(), { minOccurrences: 4 });
    expect(proposals.map((p) => p.key)).toEqual(['preferred_term:utilize=>use']);
    // One decision replacing the word five times is still one decision.
    const heavy = feedback({
      original: 'utilize utilize utilize utilize utilize',
      final: 'use use use use use',
    });
    expect(mineCorrections([heavy], { minOccurrences: 2 })).toEqual([]);
  });

  it('does not propose what is already stored or already in the brand kit', () => {
    const existing = [
      {
        flowId: 'flow-1',
        nodeId: 'draft',
        kind: 'preferred_term' as const,
        use: 'Use',
        insteadOf: 'Utilize',
        phrase: null,
        note: null,
      },
    ];
    const keys = mineCorrections(decisions(), {
      existing,
      brandKit: { preferredTerms: [], bannedPhrases: ['World-class'] },
    })
      .filter((p) => p.nodeId === 'draft')
      .map((p) => p.key);
    expect(keys).not.toContain('preferred_term:utilize=>use');
    expect(keys).not.toContain('banned_phrase:world-class');
    expect(keys).toHaveLength(3);
  });

  it('keys rules case-insensitively unless case is the correction', () => {
    const base = { phrase: null, note: null };
    expect(
      suggestionKey({ kind: 'preferred_term', use: 'Use', insteadOf: 'UTILIZE', ...base }),
    ).toBe('preferred_term:utilize=>use');
    expect(suggestionKey({ kind: 'preferred_term', use: 'AI', insteadOf: 'Ai', ...base })).toBe(
      'preferred_term:Ai=>AI',
    );
    const caseFix = [1, 2, 3].map(() =>
      feedback({ original: 'Powered by Ai today.', final: 'Powered by AI today.' }),
    );
    // Approvals that already spelled it "AI" did not keep the wrong spelling.
    const alreadyRight = [1, 2].map(() => feedback({ original: 'Built with AI.' }));
    expect(mineCorrections([...caseFix, ...alreadyRight])).toMatchObject([
      { kind: 'preferred_term', insteadOf: 'Ai', use: 'AI', occurrences: 3, kept: 0 },
    ]);
  });
});
