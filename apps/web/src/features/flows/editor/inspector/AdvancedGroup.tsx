import { useState, type ReactNode } from 'react';
import { ChevronRight } from 'lucide-react';

/**
 * The technical settings (model, temperature, timeout, ...) after the common ones, collapsed: a
 * marketer reads first what they came to set. It opens by itself when one of its settings has a
 * problem, so the problems list never points at a field nobody can see.
 */
export function AdvancedGroup({
  id,
  labels,
  hasProblem,
  children,
}: {
  id: string;
  /** The settings inside, named on the closed group so it is clear what it holds. */
  labels: readonly string[];
  hasProblem: boolean;
  children: ReactNode;
}) {
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
      </button>
      {open && (
        <div className="config-form advanced-body" id={bodyId}>
          {children}
        </div>
      )}
    </div>
  );
}
