import { describe, expect, it } from 'vitest';
import type { Feedback } from '@tandem/schema';
import { chooseCheckpointPath, nextLevel } from './automation-policy.js';
import {
  computeEvidence,
  DEFAULT_EVIDENCE_THRESHOLDS,
  evidenceByPromptVersion,
  recommendLevel,
} from './evidence.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, shouldRetry } from './retry-policy.js';

function feedback(action: Feedback['action'], extra: Partial<Feedback> = {}): Feedback {
  return {
    id: 'fb',
    flowId: 'f',
    nodeId: 'review',
    sourceNodeId: 'draft',
    runId: 'r',
    taskId: 't',
    promptVersion: 'pv_1',
    action,
    original: 'one two three four five six seven eight nine ten',
    final: 'one two three four five six seven eight nine ten',
    editSize: 0,
    reason: null,
    tags: [],
    flagged: false,
    sampled: false,
    actorId: 'u',
    timeToDecideMs: 1_000,
    createdAt: '2026-01-05T09:00:00.000Z',
    ...extra,
  };
}

describe('checkpoint policy', () => {
  const always = () => 0;
  const never = () => 0.999;
  it('follows the level, the flags, the lock and the sample', () => {
    const base = { sampleRate: 0.5, locked: false, flagged: false };
    expect(chooseCheckpointPath({ ...base, level: 'review_all', random: never }).kind).toBe('task');
    expect(chooseCheckpointPath({ ...base, level: 'review_flagged', random: never })).toMatchObject(
      { kind: 'pass', spotCheck: false },
    );
    expect(
      chooseCheckpointPath({ ...base, level: 'review_flagged', random: always }),
    ).toMatchObject({ kind: 'task', sampled: true });
    expect(
      chooseCheckpointPath({ ...base, level: 'review_flagged', flagged: true, random: never }),
    ).toMatchObject({ kind: 'task', sampled: false });
    expect(chooseCheckpointPath({ ...base, level: 'spot_check', random: always })).toMatchObject({
      kind: 'pass',
      spotCheck: true,
    });
    expect(
      chooseCheckpointPath({ ...base, level: 'spot_check', flagged: true, random: always }),
    ).toMatchObject({ kind: 'task' });
    expect(
      chooseCheckpointPath({ ...base, level: 'auto', flagged: true, random: always }),
    ).toMatchObject({ kind: 'pass', spotCheck: false });
    expect(
      chooseCheckpointPath({ ...base, level: 'auto', locked: true, random: always }),
    ).toMatchObject({ kind: 'task', reason: 'Locked at review all' });
    expect(nextLevel('review_all', 'lower')).toBeNull();
    expect(nextLevel('spot_check', 'raise')).toBe('auto');
  });
});

describe('evidence and recommendations', () => {
  it('computes rates, mean edit size and the median time to decide', () => {
    const evidence = computeEvidence([
      feedback('approve', { timeToDecideMs: 1_000 }),
      feedback('edit', { editSize: 4, timeToDecideMs: 3_000 }),
      feedback('edit', { editSize: 2, timeToDecideMs: 2_000, flagged: true }),
      feedback('reject', { timeToDecideMs: 10_000 }),
      feedback('request_changes', { timeToDecideMs: 2_500 }),
    ]);
    // Approved unedited, edited, sent back and rejected add up to every decision.
    expect(evidence).toEqual({
      decisions: 5,
      approvedUnedited: 1,
      unEditedApprovalRate: 0.2,
      editRate: 0.4,
      meanEditSize: 3,
      changesRequestedRate: 0.2,
      rejectionRate: 0.2,
      flaggedRate: 0.2,
      medianTimeToDecideMs: 2_500,
    });
    expect(computeEvidence([]).medianTimeToDecideMs).toBeNull();
    const split = evidenceByPromptVersion([
      feedback('edit', { promptVersion: 'pv_2', editSize: 3 }),
      feedback('approve', { promptVersion: 'pv_1' }),
      feedback('reject', { promptVersion: 'pv_1' }),
    ]);
    expect(
      split.map((s) => [
        s.promptVersion,
        s.evidence.decisions,
        s.evidence.editRate,
        s.evidence.rejectionRate,
      ]),
    ).toEqual([
      ['pv_2', 1, 1, 0],
      ['pv_1', 2, 0, 0.5],
    ]);
  });

  it('lowers when 15% of the last 20 sampled items were rejected or heavily edited', () => {
    const sampled = [
      feedback('reject', { sampled: true }),
      feedback('edit', { sampled: true, editSize: 5 }),
      feedback('request_changes', { sampled: true }),
      ...Array.from({ length: 17 }, () => feedback('approve', { sampled: true })),
    ];
    expect(
      recommendLevel(sampled, { level: 'spot_check', locked: false }, DEFAULT_EVIDENCE_THRESHOLDS),
    ).toEqual({
      direction: 'lower',
      to: 'review_flagged',
      reason:
        '3 of the last 20 sampled items were rejected, sent back or heavily edited (more review is suggested from 15%)',
    });
    const lightEdits = sampled.map((f) =>
      f.action === 'approve' ? f : feedback('edit', { sampled: true, editSize: 1 }),
    );
    expect(
      recommendLevel(
        lightEdits,
        { level: 'spot_check', locked: false },
        DEFAULT_EVIDENCE_THRESHOLDS,
      ).direction,
    ).not.toBe('lower');
  });

  it('keeps the level with the numbers when raising is not earned yet', () => {
    const mostly = [feedback('reject'), ...Array.from({ length: 29 }, () => feedback('approve'))];
    expect(
      recommendLevel(mostly, { level: 'review_all', locked: false }, DEFAULT_EVIDENCE_THRESHOLDS),
    ).toEqual({
      direction: 'keep',
      to: null,
      reason:
        '29 of the last 30 approved unedited, 1 rejected; more automation needs 95% approved unedited and no rejection',
    });
    expect(
      recommendLevel(
        [feedback('approve')],
        { level: 'review_all', locked: false },
        DEFAULT_EVIDENCE_THRESHOLDS,
      ).reason,
    ).toBe('1 decision so far; at least 30 are needed before suggesting more automation');
    const strict = { ...DEFAULT_EVIDENCE_THRESHOLDS, raiseWindow: 2 };
    expect(
      recommendLevel(
        [feedback('approve'), feedback('approve')],
        { level: 'review_all', locked: false },
        strict,
      ).direction,
    ).toBe('raise');
  });
});

describe('recommendations after a level change', () => {
  const at = (minute: number) => `2026-01-05T09:${String(minute).padStart(2, '0')}:00.000Z`;

  it('does not lower again on the sampled items that already lowered it', () => {
    const sampled = [
      ...Array.from({ length: 3 }, () => feedback('reject', { sampled: true })),
      ...Array.from({ length: 17 }, () => feedback('approve', { sampled: true })),
    ];
    const flagged = { level: 'review_flagged', locked: false } as const;
    expect(recommendLevel(sampled, flagged, DEFAULT_EVIDENCE_THRESHOLDS).direction).toBe('lower');
    expect(
      recommendLevel(sampled, { ...flagged, since: at(30) }, DEFAULT_EVIDENCE_THRESHOLDS),
    ).toEqual({
      direction: 'keep',
      to: null,
      reason:
        '0 decisions since the level was last changed; at least 30 are needed before suggesting more automation. 20 earlier decisions counted toward the previous level',
    });
    const later = [feedback('reject', { createdAt: at(31) }), ...sampled];
    expect(
      recommendLevel(later, { ...flagged, since: at(30) }, DEFAULT_EVIDENCE_THRESHOLDS).reason,
    ).toBe(
      '1 decision since the level was last changed (1 rejected, sent back or heavily edited); at least 20 are needed to judge whether more review is needed, 30 before suggesting more automation. 20 earlier decisions counted toward the previous level',
    );
  });

  it('does not lower for flagged items: they wait for a reviewer at every level but auto', () => {
    const items = [
      ...Array.from({ length: 5 }, () => feedback('reject', { flagged: true })),
      ...Array.from({ length: 15 }, () => feedback('approve', { flagged: true })),
      ...Array.from({ length: 20 }, () => feedback('approve')),
    ];
    const flagged = { level: 'review_flagged', locked: false } as const;
    expect(recommendLevel(items, flagged, DEFAULT_EVIDENCE_THRESHOLDS).direction).toBe('keep');
    const cleanBad = [feedback('reject'), feedback('reject'), feedback('reject'), ...items];
    expect(recommendLevel(cleanBad, flagged, DEFAULT_EVIDENCE_THRESHOLDS)).toEqual({
      direction: 'lower',
      to: 'review_all',
      reason:
        '3 of the last 20 items that passed the checks were rejected, sent back or heavily edited (more review is suggested from 15%)',
    });
  });

  it('raises below auto on clean items: a flagged item waits at the next level too', () => {
    const items = [
      feedback('reject', { flagged: true }),
      ...Array.from({ length: 30 }, () => feedback('approve')),
    ];
    const all = { level: 'review_all', locked: false } as const;
    expect(recommendLevel(items, all, DEFAULT_EVIDENCE_THRESHOLDS)).toEqual({
      direction: 'raise',
      to: 'review_flagged',
      reason: '30 of the last 30 items that passed the checks approved unedited and none rejected',
    });
    // Auto lets flagged items through unseen: there the flagged rejection counts.
    const spot = { level: 'spot_check', locked: false } as const;
    expect(recommendLevel(items, spot, DEFAULT_EVIDENCE_THRESHOLDS).direction).toBe('keep');
    expect(recommendLevel(items.slice(0, 10), all, DEFAULT_EVIDENCE_THRESHOLDS).reason).toBe(
      '9 decisions on items that passed the checks so far; at least 30 are needed before suggesting more automation',
    );
  });

  it('names the bad decisions between the levels instead of only counting towards a raise', () => {
    const rejected = Array.from({ length: 5 }, () => feedback('reject'));
    expect(
      recommendLevel(rejected, { level: 'spot_check', locked: false }, DEFAULT_EVIDENCE_THRESHOLDS)
        .reason,
    ).toBe(
      '5 decisions so far (5 rejected, sent back or heavily edited); at least 20 are needed to judge whether more review is needed, 30 before suggesting more automation',
    );
  });
});

describe('recommendations at auto', () => {
  const auto = { level: 'auto', locked: false } as const;

  it('says how thin the evidence is instead of calling it fine', () => {
    const fewBad = [feedback('reject', { sampled: true }), feedback('approve', { sampled: true })];
    expect(recommendLevel(fewBad, auto, DEFAULT_EVIDENCE_THRESHOLDS)).toEqual({
      direction: 'keep',
      to: null,
      reason:
        'Fully automated; 2 decisions so far (1 rejected, sent back or heavily edited), at least 20 are needed to judge whether more review is needed',
    });
    expect(recommendLevel([feedback('approve')], auto, DEFAULT_EVIDENCE_THRESHOLDS).reason).toBe(
      'Fully automated; 1 decision so far, at least 20 are needed to judge whether more review is needed',
    );
  });

  it('judges on the decisions before the change: at auto no new ones come', () => {
    const since = '2026-01-05T10:00:00.000Z';
    const sampled = Array.from({ length: 20 }, () => feedback('reject', { sampled: true }));
    expect(recommendLevel(sampled, { ...auto, since }, DEFAULT_EVIDENCE_THRESHOLDS)).toMatchObject({
      direction: 'lower',
      to: 'spot_check',
    });
  });

  it('gives the numbers when enough samples stay under the threshold', () => {
    const sampled = [
      feedback('reject', { sampled: true }),
      ...Array.from({ length: 19 }, () => feedback('approve', { sampled: true })),
    ];
    expect(recommendLevel(sampled, auto, DEFAULT_EVIDENCE_THRESHOLDS)).toEqual({
      direction: 'keep',
      to: null,
      reason:
        'Fully automated; 1 of the last 20 sampled items was rejected, sent back or heavily edited (more review is suggested from 15%)',
    });
  });
});

describe('retry policy', () => {
  it('backs off exponentially with full jitter, capped, never before Retry-After', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1_000, maxDelayMs: 8_000 };
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(policy, a, top))).toEqual([
      999, 1_999, 3_999, 7_999, 7_999, 7_999,
    ]);
    expect(retryDelayMs(policy, 1, () => 0)).toBe(0);
    expect(retryDelayMs(policy, 1, () => 0.5, 30_000)).toBe(30_000);
    expect(shouldRetry(policy, 1, { retryable: true })).toBe(true);
    expect(shouldRetry(policy, policy.maxAttempts, { retryable: true })).toBe(false);
    expect(shouldRetry(policy, 1, { retryable: false })).toBe(false);
    expect(shouldRetry(policy, 1, { retryable: true, retryAfterMs: 2 * 60 * 60_000 })).toBe(false);
  });
});
