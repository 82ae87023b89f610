import { describe, expect, it } from 'vitest';
import type { DeclaredOutputs } from '../../graph/declared-outputs.js';
import {
  connections,
  noteOf,
  ready,
  renderForm as render,
  selectOf,
} from './config-form-fixture.js';

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
    expect(designer).toContain(
      'Ask an admin to add one in Settings → Connections; it shows here once saved.',
    );
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

  it('marks a list of terms invalid on the box that adds to it', () => {
    const html = render('publish.email', { to: [] }, {}, { to: 'Add at least one address' });
    const input = /<input[^>]*id="cfg-to"[^>]*>/.exec(html)?.[0] ?? '';
    expect(input).toContain('aria-invalid="true"');
    expect(input).toMatch(/aria-describedby="[^"]*cfg-to-error/);
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
        new RegExp(
          `<ul class="suggest-list" id="${id}-values" role="listbox"[^>]*>(.*?)</ul>`,
        ).exec(html)?.[1] ?? ''
      ).matchAll(
        /<span class="suggest-value">([^<]*)<\/span><span class="suggest-label">([^<]*)<\/span>/g,
      ),
    ].map((m) => `${m[1]} = ${m[2]}`);

  it('offers a budget guard the AI step’s tables and their columns, and takes a typed name', () => {
    const html = render('check.budget', {}, {}, {}, {}, declared);
    expect(html).toMatch(
      /<input id="cfg-itemsField" type="text" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="cfg-itemsField-values" autoComplete="off" spellCheck="false" placeholder="Choose or type a name"[^>]*value="changes"\/>/,
    );
    expect(offered(html, 'cfg-itemsField')).toEqual(['changes = One row per channel']);
    expect(offered(html, 'cfg-nameField')).toEqual(['channel = Text']);
    expect(offered(html, 'cfg-currentField')).toEqual(['current = This week', 'proposed = Number']);
    // A name the AI step does not declare stays in the box.
    const typed = render('check.budget', { currentField: 'spend' }, {}, {}, {}, declared);
    expect(typed).toMatch(/<input id="cfg-currentField"[^>]*value="spend"\/>/);
  });
});

describe('ConfigForm: step picker', () => {
  const steps = {
    upstream: [{ id: 'n_draft', title: 'Draft' }],
    stepIds: new Set(['n_draft', 'n_publish', 'n_check']),
  };
  const picked = (sourceNodeId: string) =>
    selectOf(render('check.brand', { sourceNodeId }, {}, {}, {}, null, steps), 'cfg-sourceNodeId');

  it('offers the steps before this one by name, and the automatic choice', () => {
    const select = picked('n_draft');
    expect(select).toContain('<option value="">Nearest earlier step (automatic)</option>');
    expect(select).toContain('<option value="n_draft" selected="">Draft (n_draft)</option>');
  });

  it('keeps a chosen step that is in the flow but not before this one, saying so', () => {
    expect(picked('n_publish')).toContain(
      '<option value="n_publish" selected="">n_publish (not before this step)</option>',
    );
  });

  it('tells a chosen step that was deleted from one that is only out of order', () => {
    const select = picked('n_gone');
    expect(select).toContain(
      '<option value="n_gone" selected="">n_gone (no longer exists — choose another)</option>',
    );
    expect(select).not.toContain('not before this step');
  });
});

describe('ConfigForm: variables offered in a one-line template', () => {
  it('offers an email subject the input’s fields before the approved text; the body keeps its order', () => {
    const suggestions = [
      { path: 'content.text', detail: 'The approved text', group: 'Content' as const },
      { path: 'input.topic', detail: 'Topic', group: 'Input' as const },
    ];
    const html = render('publish.email', {}, {}, {}, {}, null, {
      upstream: [],
      stepIds: new Set(),
      suggestions,
    });
    const chipsAfter = (id: string) =>
      [
        ...(html.split(`id="${id}"`)[1]!.split('var-chips')[1] ?? '').matchAll(
          /title="[^"]*">([^<]+)<\/button>/g,
        ),
      ]
        .map((m) => m[1])
        .slice(0, 2);
    expect(chipsAfter('cfg-subject')).toEqual(['input.topic', 'content.text']);
    expect(chipsAfter('cfg-bodyTemplate')).toEqual(['content.text', 'input.topic']);
  });
});
