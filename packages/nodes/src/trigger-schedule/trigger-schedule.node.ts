import { defineNode, OUT } from '../core/define-node.js';
import type { JsonValue } from '../core/define-node.js';
import { scheduleConfigProblems, triggerScheduleConfigSchema } from './schedule-config.js';

export const triggerScheduleNode = defineNode({
  type: 'trigger.schedule',
  version: 1,
  title: 'Schedule',
  description:
    'Starts a run of the published flow on a schedule (every few minutes, hourly, daily, weekly or monthly) in a chosen time zone.',
  category: 'trigger',
  icon: 'calendar-clock',
  configSchema: triggerScheduleConfigSchema,
  inputs: [],
  outputs: [OUT],
  lint: (config) => scheduleConfigProblems(config),
  // The scheduler starts the run with the configured values as its input.
  run: (ctx) => ({ kind: 'done', output: ctx.input as JsonValue }),
});
