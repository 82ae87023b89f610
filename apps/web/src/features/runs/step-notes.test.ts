import { describe, expect, it } from 'vitest';
import { flagSummary, skipReason, stepStatusBadge } from './step-notes.js';

const check = (flags: { severity: string }[]) => ({
  status: 'done' as const,
  output: { passed: true, flags },
});

describe('flagSummary', () => {
  it('counts a check’s flags and tones them by the worst, not a bare "Done"', () => {
    expect(flagSummary(check([{ severity: 'error' }]))).toEqual({
      text: '1 flag (error)',
      tone: 'danger',
    });
    expect(
      flagSummary(check([{ severity: 'warning' }, { severity: 'error' }, { severity: 'warning' }])),
    ).toEqual({ text: '3 flags (1 error, 2 warnings)', tone: 'danger' });
    expect(flagSummary(check([{ severity: 'warning' }, { severity: 'warning' }]))).toEqual({
      text: '2 flags (warning)',
      tone: 'warning',
    });
    expect(flagSummary(check([]))).toEqual({ text: 'No flags', tone: 'success' });
  });

  it('says nothing of a step that is not a finished check', () => {
    expect(flagSummary({ status: 'done', output: { text: 'A post' } })).toBeNull();
    expect(flagSummary({ status: 'running', output: null })).toBeNull();
  });
});

describe('skipReason', () => {
  const graph = {
    edges: [
      { id: 'e1', source: 'review', sourceHandle: 'approved', target: 'post' },
      { id: 'e2', source: 'post', target: 'notify' },
      { id: 'e3', source: 'branch', sourceHandle: 'true', target: 'ad' },
    ],
  };
  const names: Record<string, string> = { review: 'Review the post', post: 'Send to CMS' };
  const nameOf = (id: string) => names[id] ?? id;
  const post = { nodeId: 'post', type: 'publish.webhook', status: 'skipped' as const };

  it('says the review rejected it when a skipped step sat on the approved branch', () => {
    const review = { nodeId: 'review', type: 'human.review', status: 'done' as const };
    const steps = [{ ...review, iteration: 0, handle: 'approved' }, post];
    expect(skipReason(post, steps, graph, 'succeeded', nameOf)).toBeNull();
    // The latest round decides: approved first, then rejected after a request for changes.
    const rejected = [...steps, { ...review, iteration: 1, handle: 'rejected' }];
    expect(skipReason(post, rejected, graph, 'succeeded', nameOf)).toBe(
      'Not run: the reviewer rejected it at Review the post.',
    );
  });

  it('names the branch taken, a skipped step before it, or the run ending first', () => {
    const ad = { nodeId: 'ad', type: 'publish.webhook', status: 'skipped' as const };
    const branch = { nodeId: 'branch', type: 'logic.branch', status: 'done' as const };
    expect(skipReason(ad, [{ ...branch, handle: 'false' }, ad], graph, 'succeeded', nameOf)).toBe(
      'Not run: branch took the “false” branch.',
    );
    const notify = { nodeId: 'notify', type: 'publish.email', status: 'skipped' as const };
    expect(skipReason(notify, [post, notify], graph, 'succeeded', nameOf)).toBe(
      'Not run: Send to CMS was skipped.',
    );
    expect(skipReason(post, [post], graph, 'canceled', nameOf)).toBe(
      'Not run: the run was canceled.',
    );
    expect(skipReason({ ...post, status: 'done' }, [], graph, 'succeeded', nameOf)).toBeNull();
  });
});

describe('stepStatusBadge', () => {
  it('says a test run’s publish step sent nothing, and a real one’s is done', () => {
    const output = { status: null, test: true, wouldSend: { target: 'Slack', request: {} } };
    const step = { type: 'publish.slack', status: 'done', output } as const;
    expect(stepStatusBadge(step)).toEqual({ text: 'Not sent (test)', tone: 'neutral' });
    expect(stepStatusBadge({ ...step, output: { status: 200 } }).text).toBe('Done');
  });

  const review = (output: unknown, decidedByName?: string | null) => ({
    type: 'human.review',
    status: 'done' as const,
    output: output as never,
    ...(decidedByName !== undefined ? { decidedByName } : {}),
  });

  it('reads a review that rejected as Rejected, by whom, in the danger tone, not a green Done', () => {
    expect(stepStatusBadge(review({ approved: false, reason: 'No' }, 'Rae Reviewer'))).toEqual({
      text: 'Rejected by Rae Reviewer',
      tone: 'danger',
    });
    expect(stepStatusBadge(review({ approved: false }, null))).toEqual({
      text: 'Rejected',
      tone: 'danger',
    });
  });

  it('names who approved a review, or the automation level that passed it', () => {
    expect(stepStatusBadge(review({ approved: true }, 'Max Manager'))).toEqual({
      text: 'Approved by Max Manager',
      tone: 'success',
    });
    expect(stepStatusBadge(review({ approved: true }, null)).text).toBe('Approved');
    expect(
      stepStatusBadge(review({ approved: true, decidedBy: 'system', passedBy: 'spot_check' }, null))
        .text,
    ).toBe('Passed by automation (spot check)');
    expect(stepStatusBadge(review({ approved: true, decidedBy: 'system' }, null)).text).toBe(
      'Passed by automation',
    );
  });

  it('keeps Done for other steps, and the other statuses as they were', () => {
    expect(
      stepStatusBadge({ type: 'ai.generate', status: 'done', output: { approved: false } }),
    ).toEqual({
      text: 'Done',
      tone: 'success',
    });
    expect(stepStatusBadge({ type: 'human.review', status: 'waiting', output: null })).toEqual({
      text: 'Waiting for review',
      tone: 'warning',
    });
    expect(stepStatusBadge({ type: 'publish.webhook', status: 'failed', output: null }).tone).toBe(
      'danger',
    );
  });
});
