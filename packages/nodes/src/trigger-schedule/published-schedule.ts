import type { Flow, Graph } from '@tandem/schema';
import { triggerScheduleConfigSchema } from './schedule-config.js';
import type { ScheduleTiming } from './schedule-config.js';

/**
 * A flow as the flows list sends it: the draft, plus when its published version starts on a
 * schedule, that schedule's timing. The list describes what runs, which is the published version,
 * not the draft; the browser works out the next time itself (it moves on while the list is open).
 */
export type ListedFlow = Flow & { publishedSchedule: ScheduleTiming | null };

/**
 * The timing of a schedule trigger's config, as the scheduler reads it (defaults filled in):
 * null when it does not parse (the scheduler does not run such a schedule either). Takes an
 * unchecked config, such as the editor's draft.
 */
export function scheduleTiming(config: unknown): ScheduleTiming | null {
  const parsed = triggerScheduleConfigSchema.safeParse(config);
  if (!parsed.success) return null;
  const { frequency, everyMinutes, minute, weekdays, dayOfMonth, time, timeZone, paused } =
    parsed.data;
  return { frequency, everyMinutes, minute, weekdays, dayOfMonth, time, timeZone, paused };
}

/** The timing of a graph's schedule trigger; null when the graph starts otherwise. */
export function scheduleTimingOf(graph: Pick<Graph, 'nodes'>): ScheduleTiming | null {
  const trigger = graph.nodes.find((n) => n.type === 'trigger.schedule');
  return trigger ? scheduleTiming(trigger.config) : null;
}

/** The timing fields alone, for the API description of the flows list. */
export const scheduleTimingSchema = triggerScheduleConfigSchema.pick({
  frequency: true,
  everyMinutes: true,
  minute: true,
  weekdays: true,
  dayOfMonth: true,
  time: true,
  timeZone: true,
  paused: true,
});
