import { Modal } from '../../ui/index.js';
import { UNDO_WINDOW_CHOICES } from './pending-decisions.js';
import { SHORTCUTS } from './shortcuts.js';

interface Props {
  open: boolean;
  onClose: () => void;
  /** How long decisions are held so z can take them back; 0 sends them at once. */
  undoWindowMs: number;
  onUndoWindowChange: (ms: number) => void;
}

export function ShortcutHelp({ open, onClose, undoWindowMs, onUndoWindowChange }: Props) {
  return (
    <Modal open={open} title="Keyboard shortcuts" onClose={onClose} focusFirstField={false}>
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
      <div className="undo-setting">
        <label htmlFor="undo-window">Hold each decision before it is sent, to undo it</label>
        <select
          id="undo-window"
          value={undoWindowMs}
          onChange={(event) => onUndoWindowChange(Number(event.target.value))}
          aria-describedby="undo-window-help"
        >
          {UNDO_WINDOW_CHOICES.map((ms) => (
            <option key={ms} value={ms}>
              {ms === 0 ? 'Off: send at once' : `${ms / 1000} seconds`}
            </option>
          ))}
        </select>
        <p id="undo-window-help" className="muted small">
          While a decision is held, <kbd>z</kbd> or the Undo button takes it back.
        </p>
      </div>
    </Modal>
  );
}
