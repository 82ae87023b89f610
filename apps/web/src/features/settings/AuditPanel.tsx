import { useCallback, useEffect, useId, useState } from 'react';
import type { AuditEvent, User } from '@tandem/schema';
import { Badge, Button, formatRelative } from '../../ui/index.js';
import { listAudit, listUsers, verifyAudit, type AuditVerification } from './settings-api.js';
import { actorName, type AuditFilter } from './settings-view.js';
import { auditDetails } from './audit-details.js';

const EMPTY: AuditFilter = { actor: '', action: '', subject: '' };

/** The append-only trail, newest first, with a check that its hash chain is intact. */
export function AuditPanel() {
  const [filter, setFilter] = useState<AuditFilter>(EMPTY);
  const [applied, setApplied] = useState<AuditFilter>(EMPTY);
  const [items, setItems] = useState<AuditEvent[] | null>(null);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [verify, setVerify] = useState<AuditVerification | 'checking' | { error: string } | null>(
    null,
  );
  /** For people's names in place of their ids; without them the ids still show. */
  const [users, setUsers] = useState<User[]>([]);
  const id = useId();
  useEffect(() => {
    listUsers().then(setUsers, () => setUsers([]));
  }, []);

  const load = useCallback(async (f: AuditFilter, after?: string) => {
    try {
      const page = await listAudit(f, after);
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void load(applied);
  }, [applied, load]);

  const runVerify = async () => {
    setVerify('checking');
    try {
      setVerify(await verifyAudit());
    } catch (e) {
      setVerify({ error: (e as Error).message });
    }
  };

  return (
    <section className="stack" aria-labelledby={`${id}-h`}>
      <div className="row audit-head">
        <h2 id={`${id}-h`}>Audit log</h2>
        <div className="spacer" />
        <Button size="sm" onClick={() => void runVerify()} busy={verify === 'checking'}>
          Verify chain
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {verify === 'checking' && <p className="muted small">Checking every event’s hash…</p>}
        {verify && verify !== 'checking' && 'error' in verify && (
          <p className="notice notice-danger">{verify.error}</p>
        )}
        {verify && verify !== 'checking' && 'ok' in verify && (
          <p className={`notice ${verify.ok ? 'notice-success' : 'notice-danger'}`}>
            {verify.ok
              ? `Chain intact: ${verify.checked} events checked.`
              : `Chain broken at event #${verify.brokenAt} (${verify.checked} checked). The log was altered.`}
          </p>
        )}
      </div>
      <form
        className="row audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(filter);
        }}
      >
        <label className="inline-select">
          <span>Action (e.g. task.decided)</span>
          <input
            value={filter.action}
            onChange={(e) => setFilter({ ...filter, action: e.target.value })}
          />
        </label>
        {/* Admins know people by name; an id to type in is what they never have. */}
        <label className="inline-select">
          <span>Who</span>
          <select
            value={filter.actor}
            onChange={(e) => setFilter({ ...filter, actor: e.target.value })}
          >
            <option value="">Anyone</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          <span>Subject id</span>
          <input
            value={filter.subject}
            onChange={(e) => setFilter({ ...filter, subject: e.target.value })}
          />
        </label>
        <Button type="submit" size="sm" variant="primary">
          Filter
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            setFilter(EMPTY);
            setApplied(EMPTY);
          }}
        >
          Clear
        </Button>
      </form>
      {error && <p className="notice notice-danger">{error}</p>}
      {items && items.length === 0 && (
        <p className="muted">
          {applied.action || applied.actor || applied.subject
            ? 'No events match these filters. Clear them to see every event.'
            : 'No events yet. Sign-ins, decisions and changes to settings appear here.'}
        </p>
      )}
      {items && items.length > 0 && (
        <div className="card table-wrap">
          <table className="table small">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Who</th>
                <th scope="col">Subject</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((ev) => (
                <tr key={ev.id}>
                  <td>{ev.seq}</td>
                  <td title={ev.at}>{formatRelative(ev.at)}</td>
                  <td>
                    <Badge
                      tone={
                        ev.action.includes('denied') || ev.action.includes('failed')
                          ? 'danger'
                          : 'neutral'
                      }
                    >
                      {ev.action}
                    </Badge>
                  </td>
                  <td title={ev.actorId ?? undefined}>{actorName(ev.actorId, users)}</td>
                  <td className="mono">
                    {ev.subjectType}:
                    {ev.subjectType === 'user' ? actorName(ev.subjectId, users) : ev.subjectId}
                  </td>
                  <td>
                    <AuditDetails details={ev.details} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <div>
          <Button size="sm" onClick={() => void load(applied, cursor)}>
            Load older events
          </Button>
        </div>
      )}
    </section>
  );
}

function AuditDetails({ details }: { details: AuditEvent['details'] }) {
  const lines = auditDetails(details);
  if (lines.length === 0) return null;
  return (
    <dl className="audit-details">
      {lines.map((d) => (
        <div key={d.label}>
          <dt>{d.label}:</dt> <dd title={d.full}>{d.value}</dd>
        </div>
      ))}
    </dl>
  );
}
