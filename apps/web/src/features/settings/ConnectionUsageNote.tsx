import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { connectionUsage, type ConnectionUsage } from './settings-api.js';

/** "Send to the CMS" or "Send to the CMS and 2 more steps". */
function stepList(steps: readonly string[]): string {
  const [first, ...rest] = steps;
  if (rest.length === 0) return first ?? '';
  return `${first} and ${rest.length} more ${rest.length === 1 ? 'step' : 'steps'}`;
}

/**
 * Which of a flow's steps name the connection, and where: "Send to the CMS (published and
 * draft)". The published version is what runs now; a draft only matters once published.
 */
export function usageText(flow: ConnectionUsage['flows'][number]): string {
  const { publishedSteps: published, draftSteps: draft, openRuns } = flow;
  const same =
    published.length > 0 &&
    published.length === draft.length &&
    published.every((s, i) => s === draft[i]);
  const runs = openRuns === 1 ? '1 run under way' : `${openRuns} runs under way`;
  return [
    same ? `${stepList(published)} (published and draft)` : null,
    !same && published.length > 0 ? `${stepList(published)} (published)` : null,
    !same && draft.length > 0 ? `${stepList(draft)} (draft)` : null,
    openRuns > 0 ? runs : null,
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * What a connection's removal breaks, said in the removal dialog before the admin confirms:
 * published flows whose steps name it fail from their next run, drafts need another choice,
 * and review emails stop.
 */
export function ConnectionUsageNote({ connectionId }: { connectionId: string }) {
  const [usage, setUsage] = useState<ConnectionUsage | 'loading' | 'failed'>('loading');
  useEffect(() => {
    let current = true;
    setUsage('loading');
    connectionUsage(connectionId).then(
      (found) => current && setUsage(found),
      () => current && setUsage('failed'),
    );
    return () => {
      current = false;
    };
  }, [connectionId]);

  if (usage === 'loading')
    return (
      <p className="muted" role="status">
        Looking for flows that use it…
      </p>
    );
  if (usage === 'failed')
    return (
      <p className="notice notice-warning" role="status">
        Could not check which flows use it. Removing it still works; steps that name it would fail.
      </p>
    );
  if (usage.flows.length === 0 && !usage.reviewEmails)
    return (
      <p role="status" data-testid="connection-usage">
        No flow and no setting uses it.
      </p>
    );
  return (
    <div
      className="notice notice-warning connection-usage"
      role="status"
      data-testid="connection-usage"
    >
      <p>
        <strong>In use.</strong> These stop working until you pick another connection for them:
      </p>
      <ul>
        {usage.flows.map((flow) => (
          <li key={flow.flowId}>
            <Link to={`/flows/${encodeURIComponent(flow.flowId)}`}>{flow.flowName}</Link> —{' '}
            {usageText(flow)}
          </li>
        ))}
        {usage.reviewEmails && <li>Review emails to reviewers (Settings → Notifications)</li>}
      </ul>
    </div>
  );
}
