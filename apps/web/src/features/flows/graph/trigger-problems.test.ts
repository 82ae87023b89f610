import { describe, expect, it } from 'vitest';
import { describeNodeTypes } from '@tandem/nodes';
import { configSummary } from '../editor/config-summary.js';
import { validateGraphLocally } from './local-validation.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';

const types = indexNodeTypes(describeNodeTypes() as NodeTypeInfo[]);
const schedule = types.get('trigger.schedule')!;

const flowWith = (config: Record<string, unknown>) => ({
  nodes: [
    {
      id: 'start',
      position: { x: 0, y: 0 },
      data: { nodeType: 'trigger.schedule', config: { ...schedule.defaultConfig, ...config } },
    },
  ],
  edges: [],
});

const problemsOf = (config: Record<string, unknown>) =>
  validateGraphLocally(flowWith(config), types).map((p) => [p.path.join('.'), p.message]);

describe('a schedule step in the editor', () => {
  it('has no problems with its defaults', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('names an unknown time zone and a week without days on their fields, as publish does', () => {
    expect(problemsOf({ timeZone: 'Mars/Olympus' })).toEqual([
      ['timeZone', 'Unknown time zone: use a name like Europe/Berlin or UTC'],
    ]);
    expect(problemsOf({ frequency: 'weekly', weekdays: [] })).toEqual([
      ['weekdays', 'Choose at least one weekday'],
    ]);
  });

  it('summarises the schedule on its card', () => {
    expect(
      configSummary('trigger.schedule', {
        ...schedule.defaultConfig,
        weekdays: ['mon', 'thu'],
        timeZone: 'Europe/Berlin',
      }),
    ).toBe('Every Monday and Thursday at 09:00, Europe/Berlin');
  });
});

describe('a webhook start step in the editor', () => {
  const hook = types.get('trigger.webhook')!;
  const hookProblems = (config: Record<string, unknown>) =>
    validateGraphLocally(
      {
        nodes: [
          {
            id: 'start',
            data: { nodeType: 'trigger.webhook', config: { ...hook.defaultConfig, ...config } },
          },
        ],
        edges: [],
      },
      types,
    ).map((p) => [p.path.join('.'), p.message, p.severity]);

  it('says on its signing connection field that without one every call is refused, as publish does', () => {
    const missing = [
      'connectionId',
      'Choose a signing connection: without one every call to this webhook is refused',
      'error',
    ];
    expect(hookProblems({})).toEqual([missing]);
    expect(hookProblems({ connectionId: ' ' })).toEqual([missing]);
    expect(hookProblems({ connectionId: 'con_crm' })).toEqual([]);
  });
});
