import type { ReactNode } from 'react';
import { AlertTriangle, CircleAlert } from 'lucide-react';

export type Severity = 'error' | 'warning';

/**
 * A message under a setting. An error (red, round icon) stops the flow from publishing; a
 * warning (amber, triangle) lets it publish but says what will go wrong when it runs. Shown
 * alike, a warning read as a fault the designer could not publish past.
 */
export function FieldNote({
  id,
  severity,
  children,
}: {
  id?: string | undefined;
  severity: Severity;
  children: ReactNode;
}) {
  const Icon = severity === 'error' ? CircleAlert : AlertTriangle;
  return (
    <p className={`field-${severity}`} id={id}>
      <Icon size={14} className="field-note-icon" aria-hidden="true" />
      <span className="sr-only">{severity === 'error' ? 'Error: ' : 'Warning: '}</span>
      {children}
    </p>
  );
}
