import { X } from 'lucide-react';
import { closePanel } from './close-panel.js';
import { IconButton } from '../../../ui/index.js';

/** The × at the top right of the step and connection settings. */
export function ClosePanelButton() {
  return (
    <IconButton
      icon={X}
      size={16}
      title="Close (Esc)"
      label="Close settings"
      onClick={closePanel}
    />
  );
}
