import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { describeNodeTypes } from '@tandem/nodes';
import type { JsonSchema } from '../../graph/node-catalog.js';
import { buildFormFields } from '../../graph/schema-form.js';
import { noteOf, renderForm as render } from './config-form-fixture.js';
import { DurationInput } from './DurationInput.js';

describe('ConfigForm: lists of items', () => {
  const titles = (html: string) =>
    [...html.matchAll(/<span class="object-item-title[^"]*">([^<]*)<\/span>/g)].map((m) => m[1]);

  it('titles each item of a list by its label or name, else by what it is and its place', () => {
    const html = render('trigger.manual', {
      fields: [
        { name: 'topic', label: 'Topic', kind: 'text', required: true, options: [] },
        { name: 'audience', label: '', kind: 'text', required: false, options: [] },
        { name: '', label: '', kind: 'text', required: false, options: [] },
      ],
    });
    expect(titles(html)).toEqual(['Topic', 'audience', 'Field 3']);
    expect(html).toContain('aria-label="Remove field 1 (Topic)"');
    expect(html).toContain('aria-label="Remove field 3"');
    expect(html).toContain('+ Add field');
    expect(html).not.toContain('Input form 1');
    // An AI step's structured fields and their columns go by their names.
    const output = render('ai.generate', {
      output: 'json',
      fields: [
        {
          name: 'changes',
          kind: 'table',
          columns: [{ name: 'channel' }, { name: 'proposed', kind: 'number' }],
        },
      ],
    });
    expect(titles(output)).toEqual(['changes', 'channel', 'proposed']);
    // Without a title for its items, a list names them from its own title.
    const branch = render('logic.branch', { rules: [{ path: 'steps.check.passed' }] });
    expect(branch).toContain('+ Add rule');
    expect(titles(branch)).toEqual(['Rule 1']);
  });
});

describe('ConfigForm: fields that only matter for some choices', () => {
  const labelled = (html: string, label: string) => html.includes(`>${label}</`);

  it('shows an AI step’s fields only for structured output', () => {
    expect(labelled(render('ai.generate', {}), 'Fields')).toBe(false);
    expect(labelled(render('ai.generate', { output: 'json' }), 'Fields')).toBe(true);
  });

  it('shows a form field’s choices only for a choice field, a table’s columns only for tables', () => {
    const form = (kind: string) =>
      render('trigger.manual', { fields: [{ name: 'channel', label: 'Channel', kind }] });
    expect(labelled(form('text'), 'Choices')).toBe(false);
    expect(labelled(form('select'), 'Choices')).toBe(true);
    const output = (kind: string) =>
      render('ai.generate', { output: 'json', fields: [{ name: 'rows', kind }] });
    expect(labelled(output('text'), 'Columns')).toBe(false);
    expect(labelled(output('table'), 'Columns')).toBe(true);
  });

  it('asks for a value to compare with only for tests that compare', () => {
    const rule = (operator: string) =>
      render('logic.branch', { rules: [{ path: 'input.topic', operator }] });
    expect(labelled(rule('is_true'), 'Compared with')).toBe(false);
    expect(labelled(rule('equals'), 'Compared with')).toBe(true);
    // A rule without a test takes the default one, equals.
    expect(
      labelled(render('logic.branch', { rules: [{ path: 'input.topic' }] }), 'Compared with'),
    ).toBe(true);
  });

  it('asks whom to escalate to only when the due time escalates', () => {
    expect(labelled(render('human.review', { dueInMinutes: 60 }), 'Escalate to')).toBe(true);
    expect(
      labelled(render('human.review', { dueInMinutes: 60, onDue: 'reject' }), 'Escalate to'),
    ).toBe(false);
    expect(labelled(render('human.review', {}), 'Escalate to')).toBe(false);
  });
});

describe('ConfigForm: advanced settings', () => {
  const toggle = (html: string) =>
    /<button type="button" class="advanced-toggle"[^>]*>.*?<\/button>/.exec(html)?.[0] ?? '';

  it('keeps an AI step’s technical settings in a closed Advanced group after the common ones', () => {
    const html = render('ai.generate', {});
    expect(toggle(html)).toContain('aria-expanded="false"');
    expect(toggle(html)).toContain(
      '<span class="advanced-summary">AI connection, Model, Temperature, Max length (tokens), Timeout</span>',
    );
    for (const id of ['model', 'temperature', 'maxTokens', 'timeoutSeconds']) {
      expect(html).not.toContain(`id="cfg-${id}"`);
    }
    // The common settings come first, the group last.
    expect(html.indexOf('for="cfg-prompt"')).toBeLessThan(html.indexOf('advanced-toggle'));
    expect(html.indexOf('for="cfg-learnFromFeedback"')).toBeLessThan(
      html.indexOf('advanced-toggle'),
    );
  });

  it('opens the group by itself when one of its settings has a problem', () => {
    const html = render('ai.generate', { temperature: 3 }, {}, { temperature: 'At most 2' });
    expect(toggle(html)).toContain('aria-expanded="true"');
    expect(toggle(html)).toContain('aria-controls="cfg-advanced"');
    expect(html).toMatch(/<div class="config-form advanced-body" id="cfg-advanced">/);
    expect(html).toMatch(/<input id="cfg-temperature"[^>]*aria-invalid="true"[^>]*value="3"/);
    expect(noteOf(html, 'cfg-temperature-error')?.text).toBe('At most 2');
    // A problem inside a list in the group opens it as well.
    const webhook = render(
      'publish.webhook',
      { headers: [{ name: 'X Source', value: '1' }] },
      {},
      { 'headers.0.name': 'Letters, digits and "-" only' },
    );
    expect(toggle(webhook)).toContain('aria-expanded="true"');
    // A problem elsewhere leaves it closed.
    expect(toggle(render('ai.generate', {}, {}, { prompt: 'Write a prompt' }))).toContain(
      'aria-expanded="false"',
    );
  });
});

describe('ConfigForm: units', () => {
  it('shows a checkpoint’s sample rate as a percentage, the % beside the box', () => {
    const html = render('human.review', { sampleRate: 0.25 });
    expect(html).toMatch(
      /<div class="input-with-unit"><input id="cfg-sampleRate" type="number"[^>]*min="0" max="100" step="1" aria-describedby="cfg-sampleRate-help cfg-sampleRate-unit" value="25"\/><span class="input-unit" id="cfg-sampleRate-unit">%<\/span><\/div>/,
    );
    // Left out, it shows the schema's default, 0.1, as 10 %.
    expect(render('human.review', {})).toMatch(/<input id="cfg-sampleRate"[^>]*value="10"\/>/);
  });

  it('shows a budget guard’s caps with the % beside the box, as stored', () => {
    const html = render('check.budget', { maxItemChangePercent: 30 });
    expect(html).toMatch(
      /<div class="input-with-unit"><input id="cfg-maxItemChangePercent" type="number"[^>]*aria-describedby="cfg-maxItemChangePercent-unit" value="30"\/><span class="input-unit" id="cfg-maxItemChangePercent-unit">%<\/span><\/div>/,
    );
    // Left out, it shows the schema's default, 5, as 5 %.
    expect(html).toMatch(
      /<input id="cfg-maxTotalChangePercent"[^>]*value="5"\/><span class="input-unit" id="cfg-maxTotalChangePercent-unit">%<\/span>/,
    );
    expect(html).toContain('>Max change per line<');
  });

  const due = (value: Record<string, unknown>) => {
    const html = render('human.review', value);
    return {
      amount: /<input id="cfg-dueInMinutes"[^>]*value="([^"]*)"/.exec(html)?.[1],
      unit: /<select aria-label="Due after unit">.*?<option value="(\w+)" selected=""/.exec(
        html,
      )?.[1],
      units: [
        ...(/<select aria-label="Due after unit">(.*?)<\/select>/.exec(html)?.[1] ?? '').matchAll(
          />(\w+)<\/option>/g,
        ),
      ].map((m) => m[1]),
    };
  };

  it('shows a due time in the largest whole unit, with minutes, hours and days to choose from', () => {
    expect(due({ dueInMinutes: 1440 })).toEqual({
      amount: '1',
      unit: 'days',
      units: ['minute', 'hour', 'day'],
    });
    expect(due({ dueInMinutes: 2880 })).toEqual({
      amount: '2',
      unit: 'days',
      units: ['minutes', 'hours', 'days'],
    });
    expect(due({ dueInMinutes: 120 })).toMatchObject({ amount: '2', unit: 'hours' });
    expect(due({ dueInMinutes: 90 })).toMatchObject({ amount: '90', unit: 'minutes' });
    // No due time: an empty box, in hours.
    expect(due({})).toMatchObject({ amount: '', unit: 'hours' });
  });

  it('shows an AI step’s timeout in minutes or seconds', () => {
    const timeout = buildFormFields(
      describeNodeTypes().find((d) => d.type === 'ai.generate')!.configSchema as JsonSchema,
    ).find((f) => f.key === 'timeoutSeconds')!;
    const html = renderToStaticMarkup(
      <DurationInput
        id="cfg-timeoutSeconds"
        label={timeout.label}
        value={60}
        onChange={() => undefined}
        base={timeout.baseUnit!}
        units={timeout.units!}
        integer={true}
        readOnly={false}
        invalid={false}
      />,
    );
    expect(html).toMatch(/<input id="cfg-timeoutSeconds"[^>]*value="1"/);
    expect(html).toMatch(
      /<select aria-label="Timeout unit"><option value="seconds">second<\/option><option value="minutes" selected="">minute<\/option><\/select>/,
    );
  });
});
