import { Link } from 'react-router';
import type { Task } from '@tandem/schema';

/**
 * Where a task comes from in the flow's machinery: the ids and prompt version designers and
 * admins use to trace a draft back to its step. Reviewers judge the content and never see it.
 * Collapsed, so it stays out of the way of the decision.
 */
export function TechnicalDetails({
  task,
}: {
  task: Pick<Task, 'nodeId' | 'stepId' | 'runId' | 'content'>;
}) {
  const { model, promptVersion, sourceNodeId } = task.content;
  return (
    <details className="technical-details" data-testid="technical-details">
      <summary>Technical details</summary>
      <dl className="kv">
        <div>
          <dt>Checkpoint step</dt>
          <dd className="mono">{task.nodeId}</dd>
        </div>
        {sourceNodeId && (
          <div>
            <dt>Drafted by step</dt>
            <dd className="mono">{sourceNodeId}</dd>
          </div>
        )}
        {model && (
          <div>
            <dt>Model</dt>
            <dd className="mono">{model}</dd>
          </div>
        )}
        {promptVersion && (
          <div>
            <dt>Prompt version</dt>
            <dd className="mono">{promptVersion}</dd>
          </div>
        )}
        <div>
          <dt>Run</dt>
          <dd>
            <Link className="mono" to={`/runs/${encodeURIComponent(task.runId)}`}>
              {task.runId}
            </Link>
          </dd>
        </div>
        <div>
          <dt>Step run</dt>
          <dd className="mono">{task.stepId}</dd>
        </div>
      </dl>
    </details>
  );
}
