import { useState, type ReactNode } from 'react';
import { AlertTriangle, ChevronRight, CircleAlert } from 'lucide-react';
import type { Severity } from './FieldNote.js';

/**
 * The technical settings (model, temperature, timeout, ...) after the common ones, collapsed: a
 * marketer reads first what they came to set. It opens by itself when one of its settings has a
 * problem, so the problems list never points at a field nobody can see.
 */
export function AdvancedGroup({
  id,
  labels,
  problem,
  children,
}: {
  id: string;
  /** The settings inside, named on the closed group so it is clear what it holds. */
  labels: readonly string[];
  /** The worst problem of a setting inside, if any. */
  problem: Severity | null;
  children: ReactNode;
}) {
  const hasProblem = problem !== null;
  const [open, setOpen] = useState(hasProblem);
  // Opened when a problem appears, not held open while it lasts: the designer may close it again.
  const [hadProblem, setHadProblem] = useState(hasProblem);
  if (hasProblem !== hadProblem) {
    setHadProblem(hasProblem);
    if (hasProblem) setOpen(true);
  }
  const bodyId = `${id}-advanced`;
  return (
    <div className={`advanced-group${open ? ' open' : ''}`}>
      <button
        type="button"
        className="advanced-toggle"
        aria-expanded={open}
        aria-controls={open ? bodyId : undefined}
        onClick={() => setOpen(!open)}
      >
        <ChevronRight size={15} className="advanced-chevron" aria-hidden="true" />
        <span className="advanced-title">Advanced</span>
        {!open && <span className="advanced-summary">{labels.join(', ')}</span>}
        {/* Closed again by hand, it still says that something inside needs a look. */}
        {!open && problem && (
          <span className={`advanced-problem count-${problem}s`}>
            {problem === 'error' ? (
              <CircleAlert size={15} aria-hidden="true" />
            ) : (
              <AlertTriangle size={15} aria-hidden="true" />
            )}
            <span className="sr-only">
              {problem === 'error' ? 'has an error' : 'has a warning'}
            </span>
          </span>
        )}
      </button>
      {open && (
        <div className="config-form advanced-body" id={bodyId}>
          {children}
        </div>
      )}
    </div>
  );
}
