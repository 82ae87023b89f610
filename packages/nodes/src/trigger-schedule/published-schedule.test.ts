import { describe, expect, it } from 'vitest';
import type { Graph } from '@tandem/schema';
import { scheduleTiming, scheduleTimingOf } from './published-schedule.js';

const node = (type: string, config: Record<string, unknown>) =>
  ({ id: 'start', type, position: { x: 0, y: 0 }, config }) as Graph['nodes'][number];

describe('scheduleTimingOf', () => {
  it('reads the schedule trigger’s timing with its defaults, leaving the input values out', () => {
    const timing = scheduleTimingOf({
      nodes: [
        node('trigger.schedule', {
          frequency: 'daily',
          time: ' 07:45 ',
          timeZone: 'Europe/Berlin',
          fields: [{ label: 'Theme', name: 'theme', value: 'Spring' }],
        }),
      ],
    });
    expect(timing).toEqual({
      frequency: 'daily',
      everyMinutes: 60,
      minute: 0,
      weekdays: ['mon'],
      dayOfMonth: 1,
      time: '07:45',
      timeZone: 'Europe/Berlin',
      paused: false,
    });
  });

  it('is null for another trigger, and for a schedule the scheduler would not run', () => {
    expect(scheduleTimingOf({ nodes: [node('trigger.manual', {})] })).toBeNull();
    expect(scheduleTimingOf({ nodes: [] })).toBeNull();
    expect(scheduleTiming({ timeZone: 'Mars/Olympus' })).toBeNull();
    expect(scheduleTiming({ frequency: 'minutes', everyMinutes: 5 })).toBeNull();
  });
});
