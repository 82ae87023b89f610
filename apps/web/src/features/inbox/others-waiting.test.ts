import { describe, expect, it } from 'vitest';
import { othersWaitingText, seesEveryTask } from './others-waiting.js';

describe('othersWaitingText', () => {
  it('says nothing when nothing waits anywhere', () => {
    expect(othersWaitingText([])).toBeNull();
    expect(othersWaitingText([{ flowId: 'flw_1', open: 0 }])).toBeNull();
  });

  it('counts the tasks and the flows they wait in', () => {
    expect(othersWaitingText([{ flowId: 'flw_1', open: 1 }])).toBe(
      "1 task waits for someone else's review in 1 flow.",
    );
    expect(
      othersWaitingText([
        { flowId: 'flw_1', open: 2 },
        { flowId: 'flw_2', open: 3 },
        { flowId: 'flw_3', open: 0 },
      ]),
    ).toBe("5 tasks wait for someone else's review in 2 flows.");
  });
});

describe('seesEveryTask', () => {
  it('is for the roles that see every run, not for reviewers', () => {
    expect(seesEveryTask(['admin'])).toBe(true);
    expect(seesEveryTask(['manager'])).toBe(true);
    expect(seesEveryTask(['reviewer'])).toBe(false);
    expect(seesEveryTask(['reviewer', 'designer'])).toBe(true);
  });
});
