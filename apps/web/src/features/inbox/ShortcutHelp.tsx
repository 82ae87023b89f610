import { Modal } from '../../ui/index.js';
import { UNDO_WINDOW_MS } from './pending-decisions.js';
import { SHORTCUTS } from './shortcuts.js';

interface Props {
  open: boolean;
  onClose: () => void;
  /** Whether decisions are held for a few seconds so z can take them back. */
  undoOn: boolean;
  onUndoChange: (on: boolean) => void;
}

export function ShortcutHelp({ open, onClose, undoOn, onUndoChange }: Props) {
  return (
    <Modal open={open} title="Keyboard shortcuts" onClose={onClose}>
      <table className="table shortcuts-table">
        <caption className="sr-only">Keys and what they do</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">Letter keys do nothing while you type in a field.</p>
      <label className="undo-setting">
        <input
          type="checkbox"
          role="switch"
          checked={undoOn}
          onChange={(event) => onUndoChange(event.target.checked)}
        />
        <span>
          Hold each decision for {UNDO_WINDOW_MS / 1000} seconds before it is sent, so you can undo
          it (<kbd>z</kbd> or the Undo button)
        </span>
      </label>
    </Modal>
  );
}
