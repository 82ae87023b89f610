import { cloneElement, type ReactElement, type ReactNode } from 'react';

export interface FieldProps {
  label: ReactNode;
  /** id of the control inside, so the label and messages are tied to it. */
  htmlFor: string;
  help?: ReactNode;
  error?: string | null;
  required?: boolean;
  /** The one control: a form element, or a component that passes `aria-*` on to its own. */
  children: ReactElement<DescribableProps>;
}

interface DescribableProps {
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false' | 'grammar' | 'spelling';
}

/** Ids for `aria-describedby`, each once, in order: what is wrong is read before the help. */
function describedByIds(...lists: (string | undefined)[]): string | undefined {
  const ids = lists.flatMap((list) => list?.split(/\s+/) ?? []).filter(Boolean);
  return ids.length > 0 ? [...new Set(ids)].join(' ') : undefined;
}

/** A labelled form control with help text and an inline error read out by screen readers. */
export function Field({ label, htmlFor, help, error, required, children }: FieldProps) {
  const helpId = help ? `${htmlFor}-help` : undefined;
  const errorId = error ? `${htmlFor}-error` : undefined;
  // cloneElement rather than a context: every caller passes one plain input, select or
  // textarea, which cannot read a context, so each would need wiring by hand (the gap this
  // closes). A component child gets the same two props and must pass them to its real input.
  const control = cloneElement(children, {
    'aria-describedby': describedByIds(errorId, helpId, children.props['aria-describedby']),
    'aria-invalid': error ? true : children.props['aria-invalid'],
  });
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={htmlFor} className="field-label">
        {label}
        {/* The space keeps the name two words: without it a screen reader said "Topicrequired". */}
        {required && ' '}
        {required && (
          <span className="field-required" aria-label="required">
            *
          </span>
        )}
      </label>
      {control}
      {help && (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
