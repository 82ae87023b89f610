import { X } from 'lucide-react';
import { closePanel } from './close-panel.js';

/** The × at the top right of the step and connection settings. */
export function ClosePanelButton() {
  return (
    <button
      type="button"
      className="icon-btn"
      title="Close (Esc)"
      aria-label="Close settings"
      onClick={closePanel}
    >
      <X size={16} />
    </button>
  );
}
