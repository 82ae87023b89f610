import { outputText } from '../runs/run-view.js';
import type { ContextStep, TaskExtras } from './inbox-api.js';

/** What an unnamed step is, by its type's category, for people who never see step types. */
const KIND_NAME: Record<string, string> = {
  trigger: 'Start',
  ai: 'AI step',
  check: 'Check',
  human: 'Review',
  logic: 'Logic step',
  publish: 'Publish step',
};

/** The step's name as the designer gave it, or what kind of step it is. */
export function stepName(step: Pick<ContextStep, 'label' | 'type'>): string {
  return step.label || KIND_NAME[step.type.split('.')[0] ?? ''] || 'Earlier step';
}

/** The run's input and the finished upstream steps, so the reviewer judges the draft in context. */
export function TaskContext({
  extras,
  showStepIds,
}: {
  extras: TaskExtras | undefined;
  /** Step types and ids, for designers and admins tracing the flow. */
  showStepIds: boolean;
}) {
  const input = extras?.run?.input;
  const inputs =
    input && typeof input === 'object' && !Array.isArray(input)
      ? Object.entries(input as Record<string, unknown>)
      : [];
  const steps = extras?.context ?? [];
  return (
    <div className="task-context stack">
      <section aria-labelledby="ctx-input">
        <h3 id="ctx-input">Run input</h3>
        {inputs.length === 0 ? (
          <p className="muted small">This run had no input.</p>
        ) : (
          <dl className="kv">
            {inputs.map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <section aria-labelledby="ctx-steps">
        <h3 id="ctx-steps">Upstream steps</h3>
        {steps.length === 0 ? (
          <p className="muted small">No earlier steps.</p>
        ) : (
          <ul className="ctx-steps">
            {steps.map((s, i) => {
              const out = outputText(s.output, 2000);
              return (
                <li key={`${s.nodeId}-${i}`}>
                  <details>
                    <summary>
                      <strong>{stepName(s)}</strong>
                      {showStepIds && (
                        <>
                          {' '}
                          <span className="muted small">
                            {s.type} · <span className="mono">{s.nodeId}</span>
                          </span>
                        </>
                      )}
                    </summary>
                    {out.text ? (
                      <pre className="ctx-output">{out.text}</pre>
                    ) : (
                      <p className="muted small">No output.</p>
                    )}
                  </details>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
