import type { Publication } from '@tandem/schema';
import { Badge, formatRelative } from '../../ui/index.js';
import { PUBLICATION_STATUS_LABELS } from './run-view.js';

/** Each publication of the run with its delivery attempts, for those who may see them. */
export function RunPublications({ pubs }: { pubs: Publication[] | 'forbidden' }) {
  if (pubs === 'forbidden')
    return <p className="muted small">Publications are shown to designers and managers.</p>;
  return (
    <>
      {pubs.length === 0 ? (
        <p className="muted small">Nothing published by this run yet.</p>
      ) : (
        pubs.map((p) => (
          <div key={p.id} className="publication">
            <p>
              <strong>{p.channel}</strong>
              {p.target && (
                <>
                  {' '}
                  → <span className="mono">{p.target}</span>
                </>
              )}{' '}
              <Badge
                tone={
                  p.status === 'succeeded'
                    ? 'success'
                    : p.status === 'dead' || p.status === 'failed'
                      ? 'danger'
                      : 'info'
                }
              >
                {PUBLICATION_STATUS_LABELS[p.status]}
              </Badge>{' '}
              <span
                className="muted small"
                title="Sent with this key, so a retry never publishes twice"
              >
                key <span className="mono">{p.key}</span>
              </span>
            </p>
            <div className="table-wrap">
              <table className="table small">
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
                      <td title={a.at}>{formatRelative(a.at)}</td>
                      <td>{a.status ?? '—'}</td>
                      <td>{Math.round(a.durationMs)} ms</td>
                      <td className="small">{a.error ?? a.responseExcerpt ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))
      )}
    </>
  );
}
