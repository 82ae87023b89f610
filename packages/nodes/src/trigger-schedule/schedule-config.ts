import { z } from 'zod';
import { duration, optionLabels, showWhen } from '../core/editor-hints.js';
import { FieldNameSchema, flagRepeatedNames } from '../core/field-name.js';
import { isTimeZone } from './zoned-time.js';

export const SCHEDULE_FREQUENCIES = ['minutes', 'hourly', 'daily', 'weekly', 'monthly'] as const;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];

/** In calendar order from Monday, as a European marketing team plans its week. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/**
 * How a scheduled run's id begins (the rest is a hash of flow and slot): the run view tells a
 * scheduled run from a webhook's by it, both having no starter.
 */
export const SCHEDULED_RUN_ID_PREFIX = 'run_sched_';

export const isScheduledRunId = (id: string) => id.startsWith(SCHEDULED_RUN_ID_PREFIX);

/** Shorter intervals would start runs (and AI calls) faster than anyone reviews them. */
export const MIN_EVERY_MINUTES = 15;

export const UNKNOWN_TIME_ZONE = 'Unknown time zone: use a name like Europe/Berlin or UTC';

/**
 * Editor hint: the field holds an IANA time zone name. The form offers the zones by name with
 * their offset from UTC, found by typing part of a city; typed by hand, a non-developer had to
 * know "Europe/Berlin". Kept here, the one node with a time zone.
 */
const timeZonePicker = { widget: 'time-zone' } as const;

const TimeOfDaySchema = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM (24-hour), e.g. 09:00');

/**
 * One fixed input value of a scheduled run. It reaches the engine as a long-text form field with
 * its value, so the run input is checked like a form's and `{{ input.<name> }}` works the same.
 */
export const ScheduleValueSchema = z
  .object({
    label: z.string().trim().min(1, 'Required').max(200).meta({ title: 'Label' }),
    name: FieldNameSchema.meta({
      title: 'Name',
      description: 'Filled in from the label; steps use it as {{ input.<name> }}',
    }),
    value: z
      .string()
      .max(10_000)
      .default('')
      .meta({ title: 'Value', description: 'What every run gets' }),
  })
  .meta({ title: 'Input value' })
  .transform((field) => ({
    ...field,
    kind: 'longtext' as const,
    required: false,
    options: [] as string[],
  }));

export const ScheduleValueListSchema = z
  .array(ScheduleValueSchema)
  .max(50)
  .superRefine(flagRepeatedNames);

export const triggerScheduleConfigSchema = z.object({
  frequency: z
    .enum(SCHEDULE_FREQUENCIES)
    .default('weekly')
    .meta({
      title: 'Repeat',
      ...optionLabels({
        minutes: 'Every few minutes',
        hourly: 'Every hour',
        daily: 'Every day',
        weekly: 'Every week',
        monthly: 'Every month',
      }),
    }),
  everyMinutes: z
    .number()
    .int()
    .min(MIN_EVERY_MINUTES)
    .max(720)
    .default(60)
    .meta({
      ...duration('minutes'),
      title: 'Every',
      description: `At least ${MIN_EVERY_MINUTES} minutes; counted from midnight UTC each day`,
      ...showWhen({ frequency: ['minutes'] }),
    }),
  minute: z
    .number()
    .int()
    .min(0)
    .max(59)
    .default(0)
    .meta({
      title: 'Minutes past the hour',
      ...showWhen({ frequency: ['hourly'] }),
    }),
  weekdays: z
    .array(z.enum(WEEKDAYS).meta(optionLabels(WEEKDAY_NAMES)))
    .max(7)
    .default(['mon'])
    .meta({ title: 'On', ...showWhen({ frequency: ['weekly'] }) }),
  dayOfMonth: z
    .number()
    .int()
    .min(1)
    .max(31)
    .default(1)
    .meta({
      title: 'Day of the month',
      description: 'Days 29–31 run on the last day of a shorter month',
      ...showWhen({ frequency: ['monthly'] }),
    }),
  time: TimeOfDaySchema.default('09:00').meta({
    title: 'At',
    description: 'Local time, 24-hour (HH:MM)',
    ...showWhen({ frequency: ['daily', 'weekly', 'monthly'] }),
  }),
  timeZone: z
    .string()
    .trim()
    .max(64)
    .default('UTC')
    .refine(isTimeZone, UNKNOWN_TIME_ZONE)
    .meta({
      ...timeZonePicker,
      title: 'Time zone',
      description: 'The times above are in this zone; type a city to find it, e.g. Berlin',
    }),
  fields: ScheduleValueListSchema.default([]).meta({
    title: 'Input values',
    description: 'Fixed values every scheduled run starts with; each becomes {{ input.<name> }}.',
  }),
  paused: z.boolean().default(false).meta({
    title: 'Paused',
    description: 'While paused, no runs start on schedule (once published, like every change)',
  }),
});
export type TriggerScheduleConfig = z.output<typeof triggerScheduleConfigSchema>;

/** What decides when a schedule fires: the config without its input values. */
export type ScheduleTiming = Pick<
  TriggerScheduleConfig,
  | 'frequency'
  | 'everyMinutes'
  | 'minute'
  | 'weekdays'
  | 'dayOfMonth'
  | 'time'
  | 'timeZone'
  | 'paused'
>;

/**
 * The rules a schedule's JSON Schema cannot say, per field: shared by the node's lint (publish)
 * and the editor's Problems panel, so both name the same field with the same words.
 */
export function scheduleConfigProblems(
  config: Record<string, unknown>,
): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  const weekdays = config.weekdays;
  if (config.frequency === 'weekly' && Array.isArray(weekdays) && weekdays.length === 0) {
    problems.push({ path: ['weekdays'], message: 'Choose at least one weekday' });
  }
  if (typeof config.timeZone === 'string' && !isTimeZone(config.timeZone.trim())) {
    problems.push({ path: ['timeZone'], message: UNKNOWN_TIME_ZONE });
  }
  return problems;
}
