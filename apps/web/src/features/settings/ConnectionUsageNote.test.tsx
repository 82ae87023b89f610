import { describe, expect, it } from 'vitest';
import { usageText } from './ConnectionUsageNote.js';

const flow = (publishedSteps: string[], draftSteps: string[], openRuns = 0) => ({
  flowId: 'flw_1',
  flowName: 'Spring launch',
  publishedSteps,
  draftSteps,
  openRuns,
});

describe('where a flow uses a connection', () => {
  it('says once when the published version and the draft name the same steps', () => {
    expect(usageText(flow(['Send to the CMS'], ['Send to the CMS']))).toBe(
      'Send to the CMS (published and draft)',
    );
  });

  it('names each side when they differ, and counts extra steps', () => {
    expect(usageText(flow(['Send to the CMS'], []))).toBe('Send to the CMS (published)');
    expect(usageText(flow([], ['Send to webhook', 'Notify partners', 'Archive']))).toBe(
      'Send to webhook and 2 more steps (draft)',
    );
    expect(usageText(flow(['Old send'], ['New send', 'Backup send']))).toBe(
      'Old send (published); New send and 1 more step (draft)',
    );
  });

  it('counts runs under way on a version that names it, also when nothing else does', () => {
    expect(usageText(flow(['Send'], ['Send'], 1))).toBe(
      'Send (published and draft); 1 run under way',
    );
    expect(usageText(flow([], [], 3))).toBe('3 runs under way');
  });
});
