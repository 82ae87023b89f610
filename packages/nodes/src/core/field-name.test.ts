import { describe, expect, it } from 'vitest';
import { InputFieldListSchema } from '../trigger-manual/input-fields.js';
import { ScheduleValueListSchema } from '../trigger-schedule/schedule-config.js';

/** The path and message of each problem a list of fields has. */
function problems(
  schema: typeof InputFieldListSchema | typeof ScheduleValueListSchema,
  list: unknown,
) {
  const result = schema.safeParse(list);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
}

describe('a name used by two fields', () => {
  it("is a problem on the later field's name, in a form's fields and in a schedule's values", () => {
    const field = (name: string) => ({ name, label: name });
    expect(problems(InputFieldListSchema, [field('topic'), field('tone'), field('topic')])).toEqual(
      [['2.name', '"topic" is used twice']],
    );
    const value = (name: string) => ({ name, label: name, value: 'x' });
    expect(problems(ScheduleValueListSchema, [value('theme'), value('theme')])).toEqual([
      ['1.name', '"theme" is used twice'],
    ]);
    expect(problems(ScheduleValueListSchema, [value('theme'), value('tone')])).toEqual([]);
  });
});
