import { Spline, Trash2 } from 'lucide-react';
import { Button } from '../../../ui/index.js';
import { describeConnection, type ConnectionEnd } from '../graph/selection.js';
import { ClosePanelButton } from './ClosePanelButton.js';
import { useEditorStore } from './editor.store.js';

function End({ label, end }: { label: string; end: ConnectionEnd }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {/* Opens that step's settings, as a click on its card would. */}
        <button
          type="button"
          className="connection-step"
          onClick={() => useEditorStore.getState().select(end.nodeId)}
        >
          {end.name}
        </button>
        {end.handle && <span className="muted"> · {end.handle}</span>}
      </dd>
    </>
  );
}

/**
 * The side panel for a selected connection: which steps it joins, and a way to remove it for
 * those who do not know the Delete key. It replaces the step settings, so the panel never keeps
 * editing a step that is no longer selected.
 */
export function ConnectionPanel({ edgeId }: { edgeId: string }) {
  const edge = useEditorStore((s) => s.edges.find((e) => e.id === edgeId));
  const nodes = useEditorStore((s) => s.nodes);
  const types = useEditorStore((s) => s.types);
  const readOnly = useEditorStore((s) => s.readOnly);

  if (!edge) return null;
  const { from, to } = describeConnection(edge, nodes, types);
  const remove = () => useEditorStore.getState().onEdgesChange([{ type: 'remove', id: edgeId }]);

  return (
    <aside
      className="inspector connection-panel"
      aria-label="Connection"
      data-testid="connection-panel"
      tabIndex={-1}
    >
      <header className="inspector-head">
        <span className="node-icon" aria-hidden="true">
          <Spline size={18} />
        </span>
        <div className="inspector-titles">
          <h2 className="connection-title">Connection</h2>
          <div className="muted small">A run goes from one step to the next along it.</div>
        </div>
        <ClosePanelButton />
      </header>
      <section className="inspector-section" aria-label="Joins">
        <dl className="kv">
          <End label="From" end={from} />
          <End label="To" end={to} />
        </dl>
        {!readOnly && (
          <>
            <div>
              <Button size="sm" variant="danger" onClick={remove}>
                <Trash2 size={14} aria-hidden="true" /> Delete connection
              </Button>
            </div>
            <p className="muted small">
              Or press <kbd>Delete</kbd>. To connect the steps differently, drag from a step’s right
              edge to another step.
            </p>
          </>
        )}
      </section>
    </aside>
  );
}
