import { describe, expect, it } from 'vitest';
import { publishTurnsOn, publishTurnsOnWarning } from './publish-turns-on.js';

const schedule = (config: Record<string, unknown> = {}) => ({
  type: 'trigger.schedule',
  config: {
    frequency: 'weekly',
    weekdays: ['mon'],
    time: '09:00',
    timeZone: 'Europe/Berlin',
    ...config,
  },
});

describe('what publishing turns on', () => {
  it('warns that a schedule starts real runs once published, in its own words', () => {
    const on = publishTurnsOn(schedule(), undefined);
    expect(on).toEqual({
      kind: 'schedule',
      when: 'Every Monday at 09:00, Europe/Berlin',
      alreadyOn: false,
    });
    expect(publishTurnsOnWarning(on!)).toBe(
      'Publishing turns this schedule on. From then on it runs every Monday at 09:00, Europe/Berlin, for real: each scheduled run sends what the flow sends and gives reviewers their tasks. Only the run you start here is a test.',
    );
  });

  it('says a schedule published and on stays on; a paused one was off', () => {
    const on = publishTurnsOn(schedule(), schedule());
    expect(on).toMatchObject({ alreadyOn: true });
    expect(publishTurnsOnWarning(on!)).toMatch(
      /^The published schedule is on, and publishing keeps it on\./,
    );
    expect(publishTurnsOn(schedule(), schedule({ paused: true }))).toMatchObject({
      alreadyOn: false,
    });
  });

  it('says nothing of a schedule the draft pauses, or of a manual start', () => {
    expect(publishTurnsOn(schedule({ paused: true }), schedule())).toBeNull();
    expect(publishTurnsOn({ type: 'trigger.manual', config: {} }, undefined)).toBeNull();
    expect(publishTurnsOn(undefined, undefined)).toBeNull();
  });

  it('warns that publishing opens a webhook to real runs', () => {
    const hook = { type: 'trigger.webhook', config: {} };
    const opens = publishTurnsOn(hook, undefined);
    expect(opens).toEqual({ kind: 'webhook', alreadyOn: false });
    expect(publishTurnsOnWarning(opens!)).toMatch(/^Publishing opens this flow’s webhook/);
    expect(publishTurnsOn(hook, hook)).toEqual({ kind: 'webhook', alreadyOn: true });
  });
});
