import { describe, expect, it } from 'vitest';
import type { Evidence, Feedback } from '@tandem/schema';
import {
  buildChange,
  byPromptVersion,
  dailyTrend,
  defaultFlowId,
  describeEffect,
  draftForPick,
  evidenceRows,
  levelStep,
  recommendationAction,
  recommendationOutcome,
  trendCoverage,
  trendReloadKey,
} from './automation-view.js';

let n = 0;
function fb(over: Partial<Feedback>): Feedback {
  n += 1;
  return {
    id: `fb${n}`,
    flowId: 'f',
    nodeId: 'review',
    sourceNodeId: 'draft',
    runId: `r${n}`,
    taskId: `t${n}`,
    promptVersion: 'p1',
    action: 'approve',
    original: 'x',
    final: 'x',
    editSize: 0,
    reason: null,
    tags: [],
    flagged: false,
    sampled: false,
    actorId: 'u',
    timeToDecideMs: 60_000,
    createdAt: '2026-01-01T10:00:00.000Z',
    ...over,
  };
}

describe('defaultFlowId', () => {
  const flow = (id: string, over: Partial<Parameters<typeof defaultFlowId>[0][number]> = {}) => ({
    id,
    published: true,
    checkpoints: 1,
    tunable: 1,
    ...over,
  });

  it('opens on a published flow with a checkpoint to tune, not the newest flow', () => {
    const flows = [
      flow('fresh-draft', { published: false, checkpoints: 0, tunable: 0 }),
      flow('locked', { tunable: 0 }),
      flow('draft-with-review', { published: false }),
      flow('blog'),
    ];
    expect(defaultFlowId(flows)).toBe('blog');
  });

  it('settles for less when no flow has it all, and for nothing without flows', () => {
    expect(
      defaultFlowId([flow('a', { checkpoints: 0, tunable: 0 }), flow('b', { published: false })]),
    ).toBe('b');
    expect(
      defaultFlowId([flow('a', { checkpoints: 0, tunable: 0 }), flow('b', { tunable: 0 })]),
    ).toBe('b');
    expect(defaultFlowId([flow('a', { checkpoints: 0, tunable: 0 })])).toBe('a');
    expect(defaultFlowId([])).toBeNull();
  });
});

describe('evidence formatting', () => {
  it('lists every figure with its unit, each rate with the count behind it', () => {
    const e: Evidence = {
      decisions: 50,
      approvedUnedited: 48,
      unEditedApprovalRate: 0.96,
      editRate: 0.02,
      meanEditSize: 1.5,
      changesRequestedRate: 0,
      rejectionRate: 0.02,
      flaggedRate: 0.1,
      medianTimeToDecideMs: 95_000,
    };
    expect(evidenceRows(e)).toEqual([
      { label: 'Decisions', value: '50' },
      { label: 'Approved unedited', value: '96%', count: '48 of 50' },
      { label: 'Edited', value: '2%', count: '1 of 50' },
      { label: 'Changes requested', value: '0%', count: '0 of 50' },
      { label: 'Rejected', value: '2%', count: '1 of 50' },
      { label: 'Flagged by checks', value: '10%', count: '5 of 50' },
      { label: 'Median time to decide', value: '1m 35s' },
    ]);
    expect(evidenceRows({ ...e, medianTimeToDecideMs: null })[6]!.value).toBe('—');
    // Past the server's window the count is of the latest decisions, not of all of them.
    expect(evidenceRows(e, true)[0]).toEqual({
      label: 'Decisions',
      value: 'Latest 50',
      count: 'older ones not counted',
    });
  });
  it('shows no rates before the first decision, rather than 0% approved', () => {
    const none: Evidence = {
      decisions: 0,
      approvedUnedited: 0,
      unEditedApprovalRate: 0,
      editRate: 0,
      meanEditSize: 0,
      changesRequestedRate: 0,
      rejectionRate: 0,
      flaggedRate: 0,
      medianTimeToDecideMs: null,
    };
    expect(evidenceRows(none).map((r) => r.value)).toEqual(['0', '—', '—', '—', '—', '—', '—']);
  });
  it('offers to apply only a real change', () => {
    const raise = { direction: 'raise' as const, to: 'spot_check' as const, reason: '48 of 50' };
    expect(recommendationAction(raise, 'review_flagged')).toBe('Raise to Spot check');
    expect(recommendationAction(raise, 'spot_check')).toBeNull();
    expect(recommendationAction({ direction: 'keep', to: null, reason: '' }, 'auto')).toBeNull();
    expect(recommendationAction(null, 'auto')).toBeNull();
    expect(levelStep('review_all', 'auto')).toBe(3);
    expect(levelStep('auto', 'spot_check')).toBe(-1);
  });
});

describe('recommendationOutcome', () => {
  it('says what following the recommendation means for the reviewers', () => {
    const raise = {
      direction: 'raise' as const,
      to: 'review_flagged' as const,
      reason: '30 of 30',
    };
    expect(recommendationOutcome(raise, 'review_all')).toBe(
      'If you raise it to Review flagged: Flagged items wait; clean items pass, a sample is still reviewed first.',
    );
    const lower = { direction: 'lower' as const, to: 'review_all' as const, reason: '5 of 20' };
    expect(recommendationOutcome(lower, 'spot_check')).toBe(
      'If you lower it to Review all: Every item waits for a reviewer.',
    );
    expect(recommendationOutcome(raise, 'review_flagged')).toBeNull();
    expect(recommendationOutcome({ direction: 'keep', to: null, reason: '' }, 'auto')).toBeNull();
  });
});

describe('draftForPick', () => {
  it('proposes another level, keeping the sample rate and a reason already typed', () => {
    const draft = { level: 'auto' as const, samplePercent: '20', reason: 'Good evidence' };
    expect(draftForPick('review_all', draft, 'spot_check', '10')).toEqual({
      level: 'spot_check',
      samplePercent: '20',
      reason: 'Good evidence',
    });
    expect(draftForPick('review_all', null, 'auto', '10', 'Recommended')).toEqual({
      level: 'auto',
      samplePercent: '10',
      reason: 'Recommended',
    });
  });
  it('closes the form when the level in force is picked again: that is no change', () => {
    const draft = { level: 'auto' as const, samplePercent: '10', reason: '' };
    expect(draftForPick('review_all', draft, 'review_all', '10')).toBeNull();
    expect(draftForPick('spot_check', null, 'spot_check', '10')).toBeNull();
  });
  it('offers a reason typed before arrowing over the level in force again', () => {
    expect(draftForPick('review_all', null, 'spot_check', '10', '', 'Clean for a month')).toEqual({
      level: 'spot_check',
      samplePercent: '10',
      reason: 'Clean for a month',
    });
  });
  it('keeps the form open at a sampled level in force, to change only its sample rate', () => {
    const draft = { level: 'auto' as const, samplePercent: '25', reason: 'x' };
    expect(draftForPick('spot_check', draft, 'spot_check', '10')).toEqual({
      level: 'spot_check',
      samplePercent: '25',
      reason: 'x',
    });
  });
});

describe('buildChange', () => {
  it('requires a reason', () => {
    expect(buildChange({ level: 'review_all', samplePercent: '', reason: ' ' })).toEqual({
      ok: false,
      errors: { reason: 'Say why, for the audit trail' },
    });
  });
  it('turns the percentage into a rate only where the level samples', () => {
    expect(buildChange({ level: 'spot_check', samplePercent: '12.5', reason: 'ok' })).toEqual({
      ok: true,
      body: { level: 'spot_check', sampleRate: 0.125, reason: 'ok' },
    });
    expect(
      buildChange({ level: 'auto', samplePercent: 'abc', reason: 'trusted', confirmAuto: true }),
    ).toEqual({
      ok: true,
      body: { level: 'auto', reason: 'trusted' },
    });
    expect(buildChange({ level: 'review_flagged', samplePercent: '120', reason: 'x' })).toEqual({
      ok: false,
      errors: { samplePercent: 'A percentage from 0 to 100' },
    });
  });
});

describe('moving to auto', () => {
  it('takes a confirmation that nothing will wait for a reviewer', () => {
    expect(buildChange({ level: 'auto', samplePercent: '', reason: 'trusted' })).toEqual({
      ok: false,
      errors: { confirmAuto: 'Confirm that nothing will wait for a reviewer' },
    });
    expect(
      buildChange({ level: 'auto', samplePercent: '', reason: 'trusted', confirmAuto: true }).ok,
    ).toBe(true);
    expect(buildChange({ level: 'spot_check', samplePercent: '10', reason: 'ok' }).ok).toBe(true);
  });
});

describe('trends', () => {
  const items = [
    fb({ createdAt: '2026-01-02T09:00:00.000Z', action: 'reject', timeToDecideMs: 120_000 }),
    fb({ createdAt: '2026-01-01T09:00:00.000Z' }),
    fb({ createdAt: '2026-01-01T10:00:00.000Z', action: 'edit', editSize: 3, flagged: true }),
    fb({ createdAt: '2026-01-01T11:00:00.000Z', timeToDecideMs: 180_000 }),
    fb({ createdAt: '2026-01-01T12:00:00.000Z', promptVersion: 'p2', timeToDecideMs: 30_000 }),
  ];
  it('buckets feedback by day with rates in percent', () => {
    expect(dailyTrend(items)).toEqual([
      {
        day: '2026-01-01',
        decisions: 4,
        unedited: 75,
        edited: 25,
        rejected: 0,
        flagged: 25,
        medianMinutes: 1,
      },
      {
        day: '2026-01-02',
        decisions: 1,
        unedited: 0,
        edited: 0,
        rejected: 100,
        flagged: 0,
        medianMinutes: 2,
      },
    ]);
    expect(dailyTrend([])).toEqual([]);
    // An edit that changed no word counts as the card counts it: approved unedited.
    const [same] = dailyTrend([fb({ action: 'edit', editSize: 0 })]);
    expect(same).toMatchObject({ unedited: 100, edited: 0 });
  });
  it('splits evidence by prompt version, newest first', () => {
    expect(byPromptVersion(items)).toEqual([
      {
        promptVersion: 'p2',
        label: 'Prompt 2, since 2026-01-01',
        decisions: 1,
        unedited: '100%',
        edited: '0%',
        rejected: '0%',
        firstSeen: '2026-01-01T12:00:00.000Z',
      },
      {
        promptVersion: 'p1',
        label: 'Prompt 1, since 2026-01-01',
        decisions: 4,
        unedited: '50%',
        edited: '25%',
        rejected: '25%',
        firstSeen: '2026-01-01T09:00:00.000Z',
      },
    ]);
  });
});

describe('byPromptVersion labels', () => {
  it('numbers the versions by their first decision, for people who read no hashes', () => {
    const rows = byPromptVersion([
      fb({ promptVersion: 'pv_82e9b4a466d4b501', createdAt: '2026-02-03T10:00:00.000Z' }),
      fb({ promptVersion: null, createdAt: '2026-01-01T10:00:00.000Z' }),
      fb({ promptVersion: 'pv_1c0ffee', createdAt: '2026-01-20T10:00:00.000Z' }),
    ]);
    expect(rows.map((r) => r.label)).toEqual([
      'Prompt 2, since 2026-02-03',
      'Prompt 1, since 2026-01-20',
      'Not recorded, since 2026-01-01',
    ]);
  });
});

describe('trendReloadKey', () => {
  const full = (newestDecisionId: string | null) => ({
    evidence: { decisions: 200 } as Evidence,
    newestDecisionId,
  });

  it('changes with every new decision, also once the evidence covers its whole window', () => {
    expect(trendReloadKey(full('fb_200'))).not.toBe(trendReloadKey(full('fb_201')));
    expect(trendReloadKey(full('fb_201'))).toBe(trendReloadKey(full('fb_201')));
  });

  it('follows the count from a server that does not name the newest decision', () => {
    expect(trendReloadKey({ evidence: { decisions: 3 } as Evidence })).not.toBe(
      trendReloadKey({ evidence: { decisions: 4 } as Evidence }),
    );
    expect(trendReloadKey({ evidence: null, newestDecisionId: null })).toBe('#0');
  });
});

describe('trendCoverage', () => {
  it('says the charts cover only the newest decisions when older ones were left out', () => {
    expect(trendCoverage(500, true)).toBe('The last 500 decisions; older ones are not shown.');
    expect(trendCoverage(37, false)).toBe('All 37 decisions so far.');
    expect(trendCoverage(1, false)).toBe('The one decision so far.');
  });
});

describe('describeEffect', () => {
  const side = (decisions: number, editRate: number | null, meanEditSize: number | null) => ({
    decisions,
    approvals: decisions,
    edited: Math.round((editRate ?? 0) * decisions),
    editRate,
    meanEditSize,
    rejectionRate: decisions ? 0 : null,
  });

  it('states the edit rate and size before and after acceptance', () => {
    const text = describeEffect({
      before: side(20, 0.42, 5.25),
      after: side(18, 0.12, 2),
      editRateChange: -0.3,
      meanEditSizeChange: -3.25,
      enough: true,
      summary: '',
    });
    expect(text).toBe(
      'Edit rate 42% → 12% since accepted, mean edit 5.3 → 2.0 words (20 decisions before, 18 after)',
    );
  });

  it('does not claim a trend from too few decisions', () => {
    const text = describeEffect({
      before: side(12, 0.5, 3),
      after: side(0, null, null),
      editRateChange: null,
      meanEditSizeChange: null,
      enough: false,
      summary: '',
    });
    expect(text).toBe('Too few decisions to compare yet (12 decisions before, 0 after)');
  });
});
