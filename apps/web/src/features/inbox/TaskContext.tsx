import { useEffect, useState } from 'react';
import { Badge } from '../../ui/index.js';
import { STEP_STATUS_LABELS, orderSteps, outputText, stepDuration } from '../runs/run-view.js';
import { getRun, type RunWithSteps } from './inbox-api.js';

/** The run's input and the upstream steps, so the reviewer judges the draft in context. */
export function TaskContext({ runId, nodeId }: { runId: string; nodeId: string }) {
  const [run, setRun] = useState<RunWithSteps | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    getRun(runId, ctrl.signal)
      .then((r) => {
        setRun(r);
        setError(null);
      })
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setError(e.message);
      });
    return () => ctrl.abort();
  }, [runId]);

  if (error) return <p className="muted small">Run context unavailable: {error}</p>;
  if (!run) return <p className="muted small">Loading the run…</p>;
  const upstream = orderSteps(run.steps).filter((s) => s.nodeId !== nodeId && s.startedAt);
  const inputs = Object.entries(run.input ?? {});
  const now = Date.now();
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
        {upstream.length === 0 ? (
          <p className="muted small">No earlier steps.</p>
        ) : (
          <ul className="ctx-steps">
            {upstream.map((s) => {
              const out = outputText(s.output, 2000);
              return (
                <li key={s.id ?? `${s.nodeId}-${s.iteration ?? 0}`}>
                  <details>
                    <summary>
                      <span className="mono">{s.nodeId}</span>{' '}
                      <span className="muted small">{s.type}</span>{' '}
                      <Badge tone={s.status === 'failed' ? 'danger' : 'neutral'}>
                        {STEP_STATUS_LABELS[s.status]}
                      </Badge>{' '}
                      <span className="muted small">{stepDuration(s, now)}</span>
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
