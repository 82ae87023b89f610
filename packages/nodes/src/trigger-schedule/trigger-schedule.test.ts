import { describe, expect, it } from 'vitest';
import { describeNodeTypes } from '../catalog.js';
import { validateGraph } from '../graph/validate-graph.js';
import { describeSchedule } from './schedule-summary.js';
import { triggerScheduleConfigSchema } from './schedule-config.js';

const flow = (config: Record<string, unknown>, more: { id: string; type: string }[] = []) => ({
  nodes: [
    {
      id: 'start',
      type: 'trigger.schedule',
      position: { x: 0, y: 0 },
      // The prompt below reads this value; a schedule without it could not publish.
      config: { fields: [{ label: 'Theme', name: 'theme', value: 'Spring' }], ...config },
    },
    {
      id: 'draft',
      type: 'ai.generate',
      position: { x: 0, y: 100 },
      config: { prompt: 'Ideas for {{ input.theme }}' },
    },
    ...more.map((n) => ({ ...n, position: { x: 0, y: 200 }, config: {} })),
  ],
  edges: [{ id: 'e1', source: 'start', target: 'draft' }],
});

describe('schedule trigger config', () => {
  it('is valid with its defaults: weekly on Monday at 09:00 UTC, not paused', () => {
    const defaults = describeNodeTypes().find((t) => t.type === 'trigger.schedule')!.defaultConfig;
    expect(defaults).toMatchObject({
      frequency: 'weekly',
      weekdays: ['mon'],
      time: '09:00',
      timeZone: 'UTC',
      paused: false,
      fields: [],
    });
    expect(validateGraph(flow({})).problems).toEqual([]);
  });

  it('names a bad time zone, a missing weekday and a bad time per field', () => {
    const problems = (config: Record<string, unknown>) =>
      validateGraph(flow(config)).problems.map((p) => [p.path.join('.'), p.message]);
    expect(problems({ timeZone: 'Europe/Berlinn' })).toEqual([
      ['nodes.0.config.timeZone', 'Unknown time zone: use a name like Europe/Berlin or UTC'],
    ]);
    expect(problems({ frequency: 'weekly', weekdays: [] })).toEqual([
      ['nodes.0.config.weekdays', 'Choose at least one weekday'],
    ]);
    expect(problems({ frequency: 'daily', time: '9am' })).toEqual([
      ['nodes.0.config.time', 'Enter a time as HH:MM (24-hour), e.g. 09:00'],
    ]);
    expect(problems({ frequency: 'minutes', everyMinutes: 5 })).toEqual([
      ['nodes.0.config.everyMinutes', 'At least 15'],
    ]);
    // No weekday matters only for a weekly schedule.
    expect(problems({ frequency: 'daily', weekdays: [] })).toEqual([]);
  });

  it('is one trigger among others: a second start step is refused', () => {
    const { problems } = validateGraph(flow({}, [{ id: 'manual', type: 'trigger.manual' }]));
    expect(problems.map((p) => p.message)).toContain('A flow has exactly one start step');
  });

  it('hands its fixed values to the run as form fields, so {{ input.<name> }} works', () => {
    const config = triggerScheduleConfigSchema.parse({
      fields: [{ label: 'Theme', name: 'theme', value: 'Spring launch' }],
    });
    expect(config.fields).toEqual([
      {
        label: 'Theme',
        name: 'theme',
        value: 'Spring launch',
        kind: 'longtext',
        required: false,
        options: [],
      },
    ]);
    const twice = triggerScheduleConfigSchema.safeParse({
      fields: [
        { label: 'Theme', name: 'theme', value: 'a' },
        { label: 'Theme 2', name: 'theme', value: 'b' },
      ],
    });
    expect(twice.error?.issues[0]?.path).toEqual(['fields', 1, 'name']);
  });
});

describe('a schedule’s values as step outputs', () => {
  it('lets later steps name its values, and only those', () => {
    const graph = (prompt: string) => ({
      nodes: [
        {
          id: 'start',
          type: 'trigger.schedule',
          position: { x: 0, y: 0 },
          config: { fields: [{ label: 'Theme', name: 'theme', value: 'Spring' }] },
        },
        { id: 'draft', type: 'ai.generate', position: { x: 0, y: 100 }, config: { prompt } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'draft' }],
    });
    expect(validateGraph(graph('Ideas for {{ steps.start.theme }}')).problems).toEqual([]);
    expect(validateGraph(graph('Ideas for {{ steps.start.tone }}')).problems).toHaveLength(1);
  });
});

describe('schedule in words', () => {
  it('says when it runs, as the step card shows it', () => {
    const base = { time: '09:00', timeZone: 'Europe/Berlin' };
    expect(describeSchedule({ ...base, frequency: 'weekly', weekdays: ['thu', 'mon'] })).toBe(
      'Every Monday and Thursday at 09:00, Europe/Berlin',
    );
    expect(
      describeSchedule({
        ...base,
        frequency: 'weekly',
        weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      }),
    ).toBe('Every weekday at 09:00, Europe/Berlin');
    expect(describeSchedule({ ...base, frequency: 'daily' })).toBe(
      'Every day at 09:00, Europe/Berlin',
    );
    expect(describeSchedule({ ...base, frequency: 'monthly', dayOfMonth: 31 })).toBe(
      'Every month on the 31st (or the month’s last day) at 09:00, Europe/Berlin',
    );
    expect(describeSchedule({ frequency: 'hourly', minute: 5, timeZone: 'UTC' })).toBe(
      'Every hour at :05, UTC',
    );
    expect(describeSchedule({ frequency: 'minutes', everyMinutes: 90 })).toBe('Every 90 minutes');
    expect(describeSchedule({ frequency: 'minutes', everyMinutes: 120 })).toBe('Every 2 hours');
    expect(describeSchedule({ ...base, frequency: 'daily', paused: true })).toBe(
      'Paused · Every day at 09:00, Europe/Berlin',
    );
    expect(describeSchedule({ ...base, frequency: 'weekly', weekdays: [] })).toBe(
      'No weekday chosen',
    );
  });
});
