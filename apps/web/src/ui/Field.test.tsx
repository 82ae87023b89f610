import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Field } from './Field.js';

/** The opening tag of the element with this id. */
const tagOf = (html: string, id: string) => html.match(new RegExp(`<[^>]*id="${id}"[^>]*>`))![0];

describe('Field', () => {
  it('marks an invalid control and points it at the error, then the help', () => {
    const html = renderToStaticMarkup(
      <Field label="Port" htmlFor="port" help="1 to 65535." error="Must be 65535 or less">
        <input id="port" />
      </Field>,
    );
    const input = tagOf(html, 'port');
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('aria-describedby="port-error port-help"');
    expect(tagOf(html, 'port-error')).toContain('role="alert"');
    expect(html).toContain('<p class="field-help" id="port-help">1 to 65535.</p>');
  });

  it('points a valid control at its help only, and does not mark it invalid', () => {
    const html = renderToStaticMarkup(
      <Field label="Reason" htmlFor="reason" help="Recorded in the audit trail.">
        <textarea id="reason" />
      </Field>,
    );
    const textarea = tagOf(html, 'reason');
    expect(textarea).toContain('aria-describedby="reason-help"');
    expect(textarea).not.toContain('aria-invalid');
  });

  it('adds nothing to a control with neither help nor error', () => {
    const html = renderToStaticMarkup(
      <Field label="Email" htmlFor="email">
        <input id="email" />
      </Field>,
    );
    expect(tagOf(html, 'email')).toBe('<input id="email"/>');
  });

  it("keeps the control's own descriptions, each id once", () => {
    const html = renderToStaticMarkup(
      <Field label="Note" htmlFor="note" help="Goes to the AI step." error="Say what to change">
        <select id="note" aria-describedby="note-hint note-help" />
      </Field>,
    );
    expect(tagOf(html, 'note')).toContain('aria-describedby="note-error note-help note-hint"');
  });

  it('passes the attributes to a component, which hands them to its own input', () => {
    const Boxed = (props: {
      id: string;
      'aria-describedby'?: string;
      'aria-invalid'?: boolean;
    }) => (
      <span className="box">
        <input {...props} />
      </span>
    );
    const html = renderToStaticMarkup(
      <Field label="Name" htmlFor="name" error="Required">
        <Boxed id="name" />
      </Field>,
    );
    expect(tagOf(html, 'name')).toBe(
      '<input id="name" aria-describedby="name-error" aria-invalid="true"/>',
    );
  });

  it('names a required control in two words, "Topic required", not "Topicrequired"', () => {
    const html = renderToStaticMarkup(
      <Field label="Topic" htmlFor="topic" required>
        <input id="topic" />
      </Field>,
    );
    expect(html).toMatch(/>Topic <span class="field-required" aria-label="required">/);
  });
});
