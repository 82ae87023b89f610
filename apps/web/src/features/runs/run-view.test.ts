import { describe, expect, it } from 'vitest';
import {
  checkpointOutcomes,
  formatCost,
  orderSteps,
  outputText,
  stepDuration,
  runSummary,
  runTitle,
  startedByWords,
  stepErrorView,
  stepNamer,
  inputRows,
  runStatusLabel,
  runTone,
  stepWakeText,
  formatDateTime,
  type StepView,
} from './run-view.js';

const NOW = Date.parse('2026-01-01T12:00:00.000Z');

describe('run view', () => {
  it('formats step durations, counting running steps up to now', () => {
    expect(stepDuration({ startedAt: null, endedAt: null }, NOW)).toBe('—');
    expect(
      stepDuration(
        { startedAt: '2026-01-01T11:59:58.800Z', endedAt: '2026-01-01T12:00:00.000Z' },
        NOW,
      ),
    ).toBe('1.2s');
    expect(stepDuration({ startedAt: '2026-01-01T11:56:56.000Z', endedAt: null }, NOW)).toBe(
      '3m 04s',
    );
  });
  it('shows small costs with enough digits', () => {
    expect(formatCost(undefined)).toBe('—');
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(0.00042)).toBe('$0.0004');
    expect(formatCost(1.5)).toBe('$1.50');
  });
  it('orders steps by start, unstarted last in their given order', () => {
    const steps = [
      { nodeId: 'c', startedAt: null },
      { nodeId: 'b', startedAt: '2026-01-01T10:00:02.000Z' },
      { nodeId: 'd', startedAt: null },
      { nodeId: 'a', startedAt: '2026-01-01T10:00:01.000Z' },
    ].map((s) => ({
      ...s,
      type: 'util.delay',
      status: 'done' as const,
      output: null,
      error: null,
      attempts: 1,
      endedAt: null,
    }));
    expect(orderSteps(steps).map((s) => s.nodeId)).toEqual(['a', 'b', 'c', 'd']);
    const same = '2026-01-01T10:00:00.000Z';
    const tied = [
      { ...steps[0]!, nodeId: 'late', startedAt: same, endedAt: '2026-01-01T10:00:02.000Z' },
      { ...steps[0]!, nodeId: 'early', startedAt: same, endedAt: '2026-01-01T10:00:01.000Z' },
    ];
    expect(orderSteps(tied).map((s) => s.nodeId)).toEqual(['early', 'late']);
  });
  it('prefers an output text and truncates long output', () => {
    expect(outputText({ text: 'Hello', model: 'm' })).toEqual({ text: 'Hello', truncated: false });
    expect(outputText({ passed: true }).text).toBe('{\n  "passed": true\n}');
    expect(outputText('x'.repeat(10), 4)).toEqual({ text: 'xxxx…', truncated: true });
    expect(outputText(null)).toEqual({ text: '', truncated: false });
  });
  it('leaves ids, hashes and keys out of a step output shown as JSON', () => {
    const brand = { passed: true, flags: [], score: 100, checkedNodeId: 'draft' };
    expect(outputText(brand).text).not.toContain('draft');
    expect(outputText(brand).text).toContain('"score": 100');
    const publish = {
      publicationKey: 'run_1:post',
      channel: 'webhook',
      status: 200,
      contentHash: '52fbac',
      externalId: null,
    };
    expect(outputText(publish).text).not.toMatch(/run_1|52fbac|externalId/);
    expect(outputText({ contentHash: 'x' }).text).toBe('');
  });
});

describe('checkpointOutcomes', () => {
  const step = (over: Partial<StepView>): StepView => ({
    nodeId: 'review',
    type: 'human.review',
    status: 'done',
    output: null,
    error: null,
    attempts: 1,
    startedAt: '2026-01-01T10:00:00.000Z',
    endedAt: '2026-01-01T10:05:00.000Z',
    ...over,
  });
  it('reads approvals, edits, rejections and automatic passes from checkpoint outputs', () => {
    const got = checkpointOutcomes([
      step({ output: { approved: true, edited: true, decidedBy: 'u1' } }),
      step({
        nodeId: 'legal',
        startedAt: '2026-01-01T10:06:00.000Z',
        output: { approved: false, reason: 'Wrong claim', decidedBy: 'u2' },
      }),
      step({
        nodeId: 'auto',
        startedAt: '2026-01-01T10:07:00.000Z',
        output: { approved: true, edited: false, decidedBy: 'system', passedBy: 'auto' },
      }),
      step({
        nodeId: 'sys',
        startedAt: '2026-01-01T10:08:00.000Z',
        output: { approved: true, edited: false, decidedBy: 'system' },
      }),
      step({ nodeId: 'waiting', status: 'waiting', output: null }),
      step({ nodeId: 'draft', type: 'ai.generate', output: { text: 'x' } }),
    ]);
    expect(got.map((o) => [o.nodeId, o.outcome, o.decidedBy, o.passedBy, o.reason])).toEqual([
      ['review', 'edited', 'u1', null, null],
      ['legal', 'rejected', 'u2', null, 'Wrong claim'],
      ['auto', 'approved', null, 'auto', null],
      ['sys', 'approved', null, 'automation', null],
    ]);
  });
});

describe('stepNamer', () => {
  const graph = {
    nodes: [
      { id: 'draft', type: 'ai.generate', position: { x: 0, y: 0 }, config: {} },
      {
        id: 'review',
        type: 'human.review',
        label: 'Editor review',
        position: { x: 0, y: 0 },
        config: {},
      },
    ],
  };
  const titles = new Map([
    ['ai.generate', 'AI write'],
    ['human.review', 'Human review'],
  ]);

  it('names a step as the canvas did: its label, else its type title', () => {
    const name = stepNamer(graph, titles);
    expect(name({ nodeId: 'review', type: 'human.review' })).toBe('Editor review');
    expect(name({ nodeId: 'draft', type: 'ai.generate' })).toBe('AI write');
    // Review entries carry no type; the graph knows it.
    expect(name({ nodeId: 'draft' })).toBe('AI write');
  });

  it('falls back to the node id while the graph and titles are not there', () => {
    expect(stepNamer(null, new Map())({ nodeId: 'draft', type: 'ai.generate' })).toBe('draft');
  });
});

describe('inputRows', () => {
  const graph = {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.manual',
        position: { x: 0, y: 0 },
        config: { fields: [{ name: 'topic', label: 'Topic', kind: 'text' }] },
      },
    ],
  };

  it('shows a form input under the labels the start form used', () => {
    expect(inputRows({ topic: 'Spring launch', words: 300 }, graph)).toEqual([
      { label: 'Topic', value: 'Spring launch' },
      { label: 'words', value: '300' },
    ]);
  });

  it('leaves nested input (a webhook body) to the JSON view', () => {
    expect(inputRows({ order: { id: 1 } }, graph)).toBeNull();
    expect(inputRows(null, graph)).toBeNull();
  });
});

describe('stepErrorView', () => {
  it('leads with the message and says what to do, the code kept apart for support', () => {
    const view = stepErrorView(
      {
        code: 'PUBLISH_FAILED',
        message: 'The host cms.example could not be resolved',
        origin: 'system',
        retryable: true,
      },
      5,
    );
    expect(view.message).toBe('The host cms.example could not be resolved.');
    expect(view.hint).toBe(
      'Tandem tried 5 times, then gave up. If it keeps failing, tell your admin.',
    );
    expect(view.code).toBe('PUBLISH_FAILED');
    expect(`${view.message} ${view.hint}`).not.toMatch(/PUBLISH_FAILED|system|retried/);
  });

  it('sends a mistake in the flow or input back to the designer to fix', () => {
    const view = stepErrorView(
      { code: 'VALIDATION', message: 'Topic is required.', origin: 'user', retryable: false },
      1,
    );
    expect(view.message).toBe('Topic is required.');
    expect(view.hint).toMatch(/^Fix the flow or the run’s input/);
  });

  it('does not say a step waiting for its next try gave up', () => {
    const error = {
      code: 'PUBLISH_FAILED',
      message: 'The webhook receiver answered 503',
      origin: 'system',
      retryable: true,
    } as const;
    for (const status of ['pending', 'running'] as const) {
      const view = stepErrorView(error, 2, status);
      expect(view.hint).toBe('Tandem will try again on its own.');
      expect(view.hint).not.toMatch(/gave up/);
    }
    expect(stepErrorView(error, 2, 'skipped').hint).toBe(
      'It was not tried again: the run ended first.',
    );
    expect(stepErrorView(error, 2, 'failed').hint).toMatch(/then gave up/);
  });

  it('says a step cut off by a cancel was stopped, not that something went wrong', () => {
    const view = stepErrorView(
      { code: 'CANCELED', message: 'The request was canceled', origin: 'system', retryable: false },
      1,
    );
    expect(view.hint).toBe('It was stopped because the run was canceled.');
    expect(view.hint).not.toMatch(/went wrong|tell your admin/);
  });
});

describe('runTitle', () => {
  it('titles a run by what it was about, not by its id', () => {
    expect(runTitle({ topic: 'Spring launch' }, 'Blog post')).toBe('Spring launch');
  });

  it('falls back on the flow it ran, then on plain "Run", when the input has no text', () => {
    expect(runTitle({ budget: 10 }, 'Weekly budget')).toBe('Run of Weekly budget');
    expect(runTitle({ budget: 10 }, null)).toBe('Run');
  });
});

describe('runSummary', () => {
  it('names a run by its first text answer, on one line and shortened', () => {
    expect(runSummary({ topic: 'Spring launch', points: 'Faster' })).toBe('Spring launch');
    expect(runSummary({ weeklyBudget: 5000, report: '  Search: 1200\nSocial: 800 ' })).toBe(
      'Search: 1200 Social: 800',
    );
    const long = runSummary({ brief: 'word '.repeat(40) }, 20)!;
    expect(long.length).toBeLessThanOrEqual(20);
    expect(long.endsWith('…')).toBe(true);
  });

  it('has nothing to say for an input without text', () => {
    expect(runSummary({})).toBeNull();
    expect(runSummary({ budget: 10, topic: '  ' })).toBeNull();
    expect(runSummary({ order: { id: 'a' } })).toBeNull();
    expect(runSummary(null)).toBeNull();
  });
});

describe('a run a reviewer rejected', () => {
  it('reads as rejected with nothing published, in a quiet tone, not a green "Succeeded"', () => {
    const rejected = { status: 'succeeded', outcome: 'rejected' } as const;
    expect(runStatusLabel(rejected)).toBe('Rejected, nothing published');
    expect(runTone(rejected)).toBe('neutral');
    expect(runStatusLabel({ status: 'succeeded' })).toBe('Succeeded');
    expect(runTone({ status: 'succeeded' })).toBe('success');
  });

  it('names every finished run by what it came to, as the Status filter does', () => {
    expect(runStatusLabel({ status: 'succeeded', outcome: 'published' })).toBe('Published');
    expect(runStatusLabel({ status: 'succeeded', outcome: 'completed' })).toBe(
      'Completed, nothing to publish',
    );
    expect(runTone({ status: 'succeeded', outcome: 'published' })).toBe('success');
  });

  it('does not say a test run published: its publish steps sent nothing', () => {
    const test = { status: 'succeeded', outcome: 'published', test: true } as const;
    expect(runStatusLabel(test)).toBe('Finished, nothing sent');
    expect(runStatusLabel({ ...test, outcome: 'completed' })).toBe('Finished, nothing sent');
    expect(runStatusLabel({ ...test, outcome: 'rejected' })).toBe('Rejected, nothing published');
  });
});

describe('runStatusLabel', () => {
  it('says a run waits for review only when a checkpoint holds it, not a Wait step', () => {
    expect(runStatusLabel({ status: 'waiting', waitingFor: 'review' })).toBe('Waiting for review');
    expect(runStatusLabel({ status: 'waiting', waitingFor: 'timer' })).toBe('Waiting');
    expect(runStatusLabel({ status: 'failed' })).toBe('Failed');
  });

  it("reads a run saved before runs said what holds them from its steps, when they're known", () => {
    const review = { type: 'human.review', status: 'waiting' as const };
    const delay = { type: 'util.delay', status: 'waiting' as const };
    expect(runStatusLabel({ status: 'waiting' }, [review])).toBe('Waiting for review');
    expect(runStatusLabel({ status: 'waiting' }, [delay])).toBe('Waiting');
    // A list without steps does not guess "for review".
    expect(runStatusLabel({ status: 'waiting' })).toBe('Waiting');
    // What the run says wins over steps loaded before the decision that moved it on.
    expect(runStatusLabel({ status: 'waiting', waitingFor: 'timer' }, [review])).toBe('Waiting');
  });
});

describe('stepWakeText', () => {
  const now = Date.parse('2026-11-26T20:00:00.000Z');
  it('says when a held step goes on', () => {
    const wakeAt = '2026-11-26T20:30:00.000Z';
    expect(stepWakeText({ status: 'waiting', error: null, wakeAt }, now)).toBe(
      'continues in 30 minutes',
    );
    const error = {
      code: 'PUBLISH_FAILED',
      message: 'x',
      origin: 'system' as const,
      retryable: true,
    };
    expect(
      stepWakeText({ status: 'pending', error, wakeAt: '2026-11-26T20:00:05.000Z' }, now),
    ).toBe('tries again in under a minute');
    expect(stepWakeText({ status: 'done', error: null, wakeAt }, now)).toBeNull();
    expect(
      stepWakeText({ status: 'waiting', error: null, wakeAt: '2026-11-26T19:58:00.000Z' }, now),
    ).toBe('continues any moment now');
  });
});

describe('formatDateTime', () => {
  it("places a moment on the reader's clock with the time zone named, not as UTC ISO", () => {
    const text = formatDateTime('2026-11-26T20:27:28.160Z', {
      locale: 'en-GB',
      timeZone: 'Europe/Berlin',
    });
    expect(text).toContain('21:27');
    expect(text).toMatch(/CET|GMT\+1/);
    expect(text).not.toContain('T20:27');
    expect(formatDateTime(null)).toBe('');
  });
});

describe('startedByWords', () => {
  it('says a schedule started a run it started, and nothing of other runs', () => {
    expect(startedByWords({ id: 'run_sched_0123abcd', startedBy: null })).toBe('by schedule');
    expect(startedByWords({ id: 'run_hook_0123abcd', startedBy: null })).toBeNull();
    expect(startedByWords({ id: 'run_01', startedBy: 'u_designer' })).toBeNull();
  });
});
