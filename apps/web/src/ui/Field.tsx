import type { ReactNode } from 'react';

export interface FieldProps {
  label: ReactNode;
  /** id of the control inside, so the label and messages are tied to it. */
  htmlFor: string;
  help?: ReactNode;
  error?: string | null;
  required?: boolean;
  children: ReactNode;
}

/** A labelled form control with help text and an inline error read out by screen readers. */
export function Field({ label, htmlFor, help, error, required, children }: FieldProps) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={htmlFor} className="field-label">
        {label}
        {required && (
          <span className="field-required" aria-label="required">
            *
          </span>
        )}
      </label>
      {children}
      {help && (
        <p className="field-help" id={`${htmlFor}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${htmlFor}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
