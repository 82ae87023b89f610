import { Link } from 'react-router';
import type { Publication, RunStatus } from '@tandem/schema';
import { Badge, formatRelative } from '../../ui/index.js';
import { CHANNEL_LABELS, publicationState } from './publication-view.js';
import { formatDateTime } from './run-view.js';

/**
 * Each publication of the run with its delivery attempts, for those who may see them: named by
 * the step that sent it, as the timeline names it. Its idempotency key ("run_…:post") stays off
 * the page: it meant nothing to the manager reading it, and the run id is already there.
 */
export function RunPublications({
  pubs,
  stepName = ({ nodeId }) => nodeId,
  runStatus = 'running',
}: {
  pubs: Publication[] | 'forbidden';
  stepName?: (step: { nodeId: string }) => string;
  /** Once the run is over nothing more goes out: no "yet", and no retry to wait for. */
  runStatus?: RunStatus;
}) {
  const ended = runStatus !== 'running' && runStatus !== 'waiting';
  if (pubs === 'forbidden')
    return <p className="muted small">Publications are shown to designers and managers.</p>;
  return (
    <>
      {pubs.length === 0 ? (
        <p className="muted small">
          {ended ? 'This run published nothing.' : 'Nothing published by this run yet.'}
        </p>
      ) : (
        pubs.map((p) => {
          const state = publicationState(p, runStatus);
          return (
            <div key={p.id} className="publication">
              <p>
                <strong>{stepName(p)}</strong>{' '}
                <span className="muted">{CHANNEL_LABELS[p.channel]}</span>
                {p.target && (
                  <>
                    {' '}
                    → <span className="mono">{p.target}</span>
                  </>
                )}{' '}
                <Badge tone={state.tone}>{state.label}</Badge>
              </p>
              {state.hint && <p className="small muted">{state.hint}</p>}
              {p.channel === 'library' ? (
                // Kept in Tandem: no delivery to account for, only the entry to open.
                p.status === 'succeeded' && (
                  <p className="small">
                    <Link to={`/library/${encodeURIComponent(p.id)}`}>Open in the library</Link>
                  </p>
                )
              ) : (
                <div className="table-wrap">
                  <table className="table small attempts-table">
                    <caption className="sr-only">Delivery attempts</caption>
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">HTTP</th>
                        <th scope="col">Took</th>
                        <th scope="col">Error / response</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.attempts.map((a, i) => (
                        <tr key={i}>
                          <td className="attempt-when" title={formatDateTime(a.at)}>
                            {formatRelative(a.at)}
                          </td>
                          <td className="attempt-code">{a.status ?? '—'}</td>
                          <td className="attempt-took">{Math.round(a.durationMs)} ms</td>
                          <td className="small attempt-detail">
                            {a.error ?? a.responseExcerpt ?? ''}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          );
        })
      )}
    </>
  );
}
