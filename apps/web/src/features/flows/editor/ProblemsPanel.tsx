import { useReactFlow } from '@xyflow/react';
import { Link } from 'react-router';
import { AlertTriangle, CircleAlert, CircleCheck, X } from 'lucide-react';
import { describeProblem, sortBySeverity } from '../graph/local-validation.js';
import { Button, IconButton } from '../../../ui/index.js';
import { missingTriggerLink } from '../graph/trigger-link.js';
import { stepName } from '../graph/selection.js';
import { useEditorStore } from './editor.store.js';
import { CONNECTIONS_SETTINGS } from '../graph/reference-problems.js';
import { focusProblemField } from './focus-problem.js';

const PROBLEMS_BUTTON = '[data-testid="problems-button"]';

/**
 * Puts the keyboard on the first problem of the list just opened (or on its Close button when
 * there is none): the list floats over the canvas, after the palette and every step in the tab
 * order, so Tab from the button that opened it went to Test run instead.
 */
export function focusFirstProblem(): void {
  requestAnimationFrame(() => {
    const panel = document.querySelector('[data-testid="problems-panel"]');
    const target = panel?.querySelector('li button') ?? panel?.querySelector('header button');
    if (target instanceof HTMLElement) target.focus();
  });
}

/**
 * Every problem in the flow; clicking one selects its step, brings it into view and puts the
 * focus in the field to fix. Escape closes it, as its Close button does, back to the toolbar
 * button that opens it.
 */
export function ProblemsPanel({ onClose }: { onClose: () => void }) {
  const problems = useEditorStore((s) => s.problems);
  const types = useEditorStore((s) => s.types);
  const flow = useReactFlow();
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;

  const focus = (nodeId: string, path: readonly (string | number)[]) => {
    const s = useEditorStore.getState();
    const node = s.nodes.find((n) => n.id === nodeId);
    if (!node) return;
    s.select(nodeId);
    focusProblemField(nodeId, path);
    void flow.setCenter(node.position.x + 130, node.position.y + 48, {
      zoom: Math.max(flow.getZoom(), 0.9),
      duration: 300,
    });
  };

  const close = () => {
    const inside = document.activeElement?.closest('[data-testid="problems-panel"]');
    onClose();
    // Not left on the page body when the list it was in goes away.
    if (inside) document.querySelector<HTMLElement>(PROBLEMS_BUTTON)?.focus();
  };

  return (
    <section
      className="problems-panel"
      aria-label="Problems"
      data-testid="problems-panel"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Before the editor's own Escape, which would close the step settings beside it.
        e.preventDefault();
        close();
      }}
    >
      <header className="row">
        <h3>
          {errors ? (
            <span className="count-errors">{`${errors} problem${errors > 1 ? 's' : ''} to fix`}</span>
          ) : (
            'No problems'
          )}
          {warnings ? (
            <>
              {' · '}
              <span className="count-warnings">{`${warnings} warning${warnings > 1 ? 's' : ''}`}</span>
            </>
          ) : null}
        </h3>
        <span className="spacer" />
        <IconButton icon={X} size={16} label="Close problems" onClick={close} />
      </header>
      {problems.length === 0 ? (
        <p className="muted small row">
          <CircleCheck size={16} color="var(--success)" aria-hidden="true" /> The flow is ready to
          publish.
        </p>
      ) : (
        <ul>
          {sortBySeverity(problems).map((p, i) => {
            const state = useEditorStore.getState();
            const node = p.nodeId ? state.nodes.find((n) => n.id === p.nodeId) : undefined;
            // A step the flow's idle trigger should lead to: one click draws that connection.
            const fix =
              node && p.message.startsWith('Not connected')
                ? missingTriggerLink(state, types, node.id)
                : null;
            const title = node
              ? node.data.label || types.get(node.data.nodeType)?.title || node.id
              : 'Flow';
            const content = (
              <>
                {p.severity === 'error' ? (
                  <CircleAlert size={15} aria-hidden="true" />
                ) : (
                  <AlertTriangle size={15} aria-hidden="true" />
                )}
                <span className="sr-only">{p.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
                <strong>{title}</strong>
                <span>{describeProblem(p, types, node?.data.nodeType)}</span>
              </>
            );
            // A problem of the whole flow has no step to jump to. As a disabled button it was
            // greyed out and skipped by the keyboard, though it is often the one to fix first.
            return (
              <li key={i}>
                {node ? (
                  <button
                    type="button"
                    className={`problem problem-${p.severity}`}
                    onClick={() => focus(node.id, p.path)}
                  >
                    {content}
                  </button>
                ) : (
                  <p className={`problem problem-${p.severity}`}>{content}</p>
                )}
                {/* Beside the problem, not in it: a link inside its button could not be followed. */}
                {fix && (
                  <Button
                    size="sm"
                    className="problem-fix"
                    aria-label={`Connect "${stepName(state.nodes, types, fix.source)}" to "${stepName(state.nodes, types, fix.target)}"`}
                    onClick={() => useEditorStore.getState().connect(fix)}
                  >
                    Connect
                  </Button>
                )}
                {p.link === CONNECTIONS_SETTINGS && (
                  <Link className="problem-link" to={p.link}>
                    Open Settings → Connections
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
