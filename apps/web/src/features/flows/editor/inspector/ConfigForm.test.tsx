import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describeNodeTypes } from '@tandem/nodes';
import type { ConnectionDirectoryEntry, UserDirectoryEntry } from '@tandem/schema';
import type { DeclaredOutputs } from '../../graph/declared-outputs.js';
import { buildFormFields } from '../../graph/schema-form.js';
import type { JsonSchema } from '../../graph/node-catalog.js';
import type { Loadable, PickerDirectory } from '../use-directory.js';
import { ConfigForm } from './ConfigForm.js';
import { DurationInput } from './DurationInput.js';

const connections: ConnectionDirectoryEntry[] = [
  { id: 'con_cms', name: 'CMS hook', kind: 'webhook', disabled: false },
  { id: 'con_mail', name: 'Agency mail', kind: 'smtp', disabled: false },
  { id: 'con_news', name: 'Newsletter relay', kind: 'smtp', disabled: false },
];
const people: UserDirectoryEntry[] = [
  { id: 'usr_dana', name: 'Dana Designer', roles: ['designer'], disabled: false },
  { id: 'usr_rae', name: 'Rae Reviewer', roles: ['reviewer', 'manager'], disabled: false },
];

const ready = <T,>(items: T[]): Loadable<T> => ({ status: 'ready', items });

/** The step settings form of a real node type, rendered as the inspector renders it. */
function render(
  type: string,
  value: Record<string, unknown>,
  directory: Partial<PickerDirectory> = {},
  errors: Record<string, string> = {},
  warnings: Record<string, string> = {},
  declared: DeclaredOutputs | null = null,
): string {
  const schema = describeNodeTypes().find((d) => d.type === type)!.configSchema as JsonSchema;
  return renderToStaticMarkup(
    <MemoryRouter>
      <ConfigForm
        fields={buildFormFields(schema)}
        value={value}
        onChange={() => undefined}
        context={{
          suggestions: [],
          upstream: [],
          errors,
          warnings,
          readOnly: false,
          declared,
          directory: {
            connections: ready(connections),
            people: ready(people),
            canManageConnections: false,
            ...directory,
          },
        }}
        idPrefix="cfg"
      />
    </MemoryRouter>,
  );
}

/** The message with this id: its class and its words, the icon and the screen reader's word apart. */
function noteOf(html: string, id: string): { className: string; text: string } | null {
  const match = new RegExp(`<p class="([^"]*)" id="${id}">(.*?)</p>`).exec(html);
  if (!match) return null;
  const words = match[2]!.replace(/<span class="sr-only">[^<]*<\/span>/, '');
  return { className: match[1]!, text: words.replace(/<[^>]+>/g, '') };
}

/** The markup of the <select> with this id, options included. */
const selectOf = (html: string, id: string) =>
  new RegExp(`<select[^>]*id="${id}"[^>]*>.*?</select>`).exec(html)?.[0] ?? '';

describe('ConfigForm: connection picker', () => {
  it('offers the saved connections of the step’s kind by name, and None', () => {
    const html = render('publish.email', { connectionId: 'con_news', to: ['a@example.com'] });
    expect(html).toMatch(/<label class="field-label" for="cfg-connectionId">SMTP connection/);
    const select = selectOf(html, 'cfg-connectionId');
    expect(select).toContain('<option value="">None</option>');
    expect(select).toContain('<option value="con_mail">Agency mail</option>');
    expect(select).toContain('<option value="con_news" selected="">Newsletter relay</option>');
    expect(select).not.toContain('CMS hook');
    expect(html).not.toMatch(/<input[^>]*id="cfg-connectionId"/);
    expect(html).not.toContain('field-warning');
  });

  it('keeps a stored connection that no longer exists visible as Unknown, with a warning', () => {
    const html = render('publish.webhook', { connectionId: 'con_deleted' });
    const select = selectOf(html, 'cfg-connectionId');
    expect(select).toContain(
      '<option value="con_deleted" selected="">Unknown (con_deleted)</option>',
    );
    expect(select).toMatch(/aria-describedby="[^"]*cfg-connectionId-note/);
    expect(select).toContain('aria-invalid="true"');
    expect(noteOf(html, 'cfg-connectionId-note')).toEqual({
      className: 'field-warning',
      text: 'The connection con_deleted no longer exists. Choose another one.',
    });
  });

  it('says what is wrong once, when the problems list reports it as the field’s problem', () => {
    const message = 'The connection con_deleted no longer exists. Choose another one.';
    const html = render(
      'publish.webhook',
      { connectionId: 'con_deleted' },
      {},
      {
        connectionId: message,
      },
    );
    expect(html.split(message)).toHaveLength(2);
    expect(noteOf(html, 'cfg-connectionId-error')).toEqual({
      className: 'field-error',
      text: message,
    });
    expect(selectOf(html, 'cfg-connectionId')).toContain('aria-invalid="true"');
  });

  it('says where connections are added when there are none of the kind', () => {
    const designer = render('publish.slack', {});
    expect(designer).toContain('No Slack connections saved yet.');
    expect(designer).toContain('Ask an admin to add one in Settings → Connections.');
    const admin = render('publish.slack', {}, { canManageConnections: true });
    expect(admin).toMatch(
      /<a href="\/settings\/connections"[^>]*>Add one in Settings → Connections<\/a>/,
    );
  });

  it('falls back to the id in a text box when the list cannot be loaded', () => {
    const html = render(
      'publish.wordpress',
      { connectionId: 'con_wp' },
      { connections: { status: 'error', message: 'The server answered 500' } },
    );
    expect(html).toMatch(/<input[^>]*id="cfg-connectionId"[^>]*value="con_wp"/);
    expect(html).toContain('Could not load the saved connections (The server answered 500)');
  });
});

describe('ConfigForm: people picker', () => {
  it('lists people by name with their roles as labelled checkboxes, the chosen ones ticked', () => {
    const html = render('human.review', { assigneeUserIds: ['usr_rae'] });
    expect(html).toMatch(/<legend class="field-label">Who may decide \(people\)<\/legend>/);
    expect(html).toMatch(
      /<label class="person-option on"><input type="checkbox" checked=""\/><span class="person-name">Rae Reviewer<\/span><span class="person-roles muted small">Reviewer, Manager<\/span><\/label>/,
    );
    expect(html).toMatch(
      /<label class="person-option"><input type="checkbox"\/><span class="person-name">Dana Designer<\/span>/,
    );
    expect(html).not.toContain('usr_rae');
    expect(html).not.toContain('field-warning');
  });

  it('keeps a chosen person who no longer exists visible as Unknown, ticked, with a warning', () => {
    const html = render('human.review', { assigneeUserIds: ['usr_rae', 'usr_deleted'] });
    expect(html).toMatch(
      /<label class="person-option on person-missing"><input type="checkbox" checked=""\/><span class="person-name">Unknown person \(usr_deleted\)<\/span>/,
    );
    expect(html).toMatch(/<fieldset[^>]*aria-describedby="[^"]*cfg-assigneeUserIds-note/);
    expect(html).toContain('One person chosen here no longer exists.');
  });

  it('says once that a chosen person no longer exists, when it is the field’s problem', () => {
    const message = 'One person chosen here no longer exists. Untick them to remove them.';
    const html = render(
      'human.review',
      { assigneeUserIds: ['usr_deleted'] },
      {},
      {
        assigneeUserIds: message,
      },
    );
    expect(html.split(message)).toHaveLength(2);
    expect(noteOf(html, 'cfg-assigneeUserIds-error')).toEqual({
      className: 'field-error',
      text: message,
    });
  });

  it('shows the ids when the people cannot be loaded, so nothing chosen is hidden', () => {
    const html = render(
      'human.review',
      { assigneeUserIds: ['usr_rae'] },
      { people: { status: 'error', message: 'Cannot reach the Tandem server.' } },
    );
    expect(html).toContain('Could not load the people');
    expect(html).toContain('usr_rae');
  });
});

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
    expect(labelled(render('human.review', {}), 'Escalate to')).toBe(true);
    expect(labelled(render('human.review', { onDue: 'reject' }), 'Escalate to')).toBe(false);
  });
});

describe('ConfigForm: errors and warnings', () => {
  const fieldOf = (html: string, id: string) =>
    new RegExp(`<div class="([^"]*)"><label class="field-label" for="${id}">`).exec(html)?.[1];
  const branch = (
    errors: Record<string, string>,
    warnings: Record<string, string>,
  ): { html: string; input: string } => {
    const html = render(
      'logic.branch',
      { rules: [{ path: 'steps.gone.passed', operator: 'is_true' }] },
      {},
      errors,
      warnings,
    );
    const input = /<input[^>]*id="cfg-rules-rules-0-path"[^>]*>/.exec(html)?.[0] ?? '';
    return { html, input };
  };

  it('shows a warning in amber with a triangle, saying it is a warning, the value still valid', () => {
    const message = 'steps.gone is not available here: no earlier step or input field provides it';
    const { html, input } = branch({}, { 'rules.0.path': message });
    expect(noteOf(html, 'cfg-rules-rules-0-path-warning')).toEqual({
      className: 'field-warning',
      text: message,
    });
    expect(html).toContain('<span class="sr-only">Warning: </span>');
    expect(html).toMatch(/<p class="field-warning"[^>]*><svg[^>]*lucide-triangle-alert/);
    expect(html).not.toContain('field-error');
    expect(fieldOf(html, 'cfg-rules-rules-0-path')).toBe('field field-warned');
    expect(input).toContain(
      'aria-describedby="cfg-rules-rules-0-path-help cfg-rules-rules-0-path-warning"',
    );
    expect(input).not.toContain('aria-invalid');
  });

  it('shows an error in red with a round icon, saying it is an error, the value invalid', () => {
    const { html, input } = branch({ 'rules.0.path': 'Required' }, {});
    expect(noteOf(html, 'cfg-rules-rules-0-path-error')).toEqual({
      className: 'field-error',
      text: 'Required',
    });
    expect(html).toContain('<span class="sr-only">Error: </span>');
    expect(html).toMatch(/<p class="field-error"[^>]*><svg[^>]*lucide-circle-alert/);
    expect(html).not.toContain('field-warning');
    expect(fieldOf(html, 'cfg-rules-rules-0-path')).toBe('field field-invalid');
    expect(input).toContain('aria-invalid="true"');
  });

  it('says once, as a warning, that a chosen connection is disabled', () => {
    const message =
      'CMS hook is disabled, so this step will fail. An admin can enable it in Settings → Connections.';
    const html = render(
      'publish.webhook',
      { connectionId: 'con_cms' },
      { connections: ready([{ ...connections[0]!, disabled: true }]) },
      {},
      { connectionId: message },
    );
    expect(html.split(message)).toHaveLength(2);
    expect(noteOf(html, 'cfg-connectionId-warning')?.className).toBe('field-warning');
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

describe('ConfigForm: advanced settings', () => {
  const toggle = (html: string) =>
    /<button type="button" class="advanced-toggle"[^>]*>.*?<\/button>/.exec(html)?.[0] ?? '';

  it('keeps an AI step’s technical settings in a closed Advanced group after the common ones', () => {
    const html = render('ai.generate', {});
    expect(toggle(html)).toContain('aria-expanded="false"');
    expect(toggle(html)).toContain(
      '<span class="advanced-summary">Model, Temperature, Max length (tokens), Timeout</span>',
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

describe('ConfigForm: fields an AI step declares', () => {
  const declared: DeclaredOutputs = {
    stepId: 'recommend',
    stepTitle: 'Recommend changes',
    structured: true,
    fields: [
      {
        name: 'changes',
        kind: 'table',
        description: 'One row per channel',
        columns: [
          { name: 'channel', kind: 'text', description: '' },
          { name: 'current', kind: 'number', description: 'This week' },
          { name: 'proposed', kind: 'number', description: '' },
        ],
      },
      { name: 'summary', kind: 'text', description: 'Two sentences', columns: [] },
    ],
  };
  const offered = (html: string, id: string) =>
    [
      ...(
        new RegExp(`<datalist id="${id}-values">(.*?)</datalist>`).exec(html)?.[1] ?? ''
      ).matchAll(/<option value="([^"]*)" label="([^"]*)"><\/option>/g),
    ].map((m) => `${m[1]} = ${m[2]}`);

  it('offers a budget guard the AI step’s tables and their columns, and takes a typed name', () => {
    const html = render('check.budget', {}, {}, {}, {}, declared);
    expect(html).toMatch(
      /<input id="cfg-itemsField" type="text" list="cfg-itemsField-values" autoComplete="off" spellCheck="false" placeholder="Choose or type a name"[^>]*value="changes"\/>/,
    );
    expect(offered(html, 'cfg-itemsField')).toEqual(['changes = One row per channel']);
    expect(offered(html, 'cfg-nameField')).toEqual(['channel = Text']);
    expect(offered(html, 'cfg-currentField')).toEqual(['current = This week', 'proposed = Number']);
    // A name the AI step does not declare stays in the box.
    const typed = render('check.budget', { currentField: 'spend' }, {}, {}, {}, declared);
    expect(typed).toMatch(/<input id="cfg-currentField"[^>]*value="spend"\/>/);
  });
});
