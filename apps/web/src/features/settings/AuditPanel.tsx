import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { auditActionLabel, type AuditEvent, type User } from '@tandem/schema';
import { Badge, Button, formatRelative } from '../../ui/index.js';
import { listFlowNames } from '../inbox/inbox-api.js';
import { listAudit, listUsers, verifyAudit, type AuditVerification } from './settings-api.js';
import { actorName, formatAbsoluteTime, type AuditFilter } from './settings-view.js';
import { auditDetails } from './audit-details.js';
import { auditActionGroups } from './audit-actions.js';
import { auditSubject, type SubjectNames } from './audit-subject.js';

const ACTION_GROUPS = auditActionGroups();

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
  /** Flow names by id, so a flow's events name it; a deleted flow keeps its id. */
  const [flows, setFlows] = useState<ReadonlyMap<string, string>>(new Map());
  const id = useId();
  useEffect(() => {
    listUsers().then(setUsers, () => setUsers([]));
    listFlowNames().then(
      (list) => setFlows(new Map(list.map((f) => [f.id, f.name]))),
      () => setFlows(new Map()),
    );
  }, []);
  const names: SubjectNames = useMemo(
    () => ({ users: new Map(users.map((u) => [u.id, u.name])), flows }),
    [users, flows],
  );

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
        {/* The log matches an action exactly, so the filter offers the ones it records. */}
        <label className="inline-select">
          <span>Action</span>
          <select
            value={filter.action}
            onChange={(e) => setFilter({ ...filter, action: e.target.value })}
          >
            <option value="">Any action</option>
            {ACTION_GROUPS.map((group) => (
              <optgroup key={group.area} label={group.area}>
                {group.actions.map((a) => (
                  <option key={a.action} value={a.action}>
                    {a.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
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
                  <td>
                    <time dateTime={ev.at} title={formatAbsoluteTime(ev.at)}>
                      {formatRelative(ev.at)}
                    </time>
                  </td>
                  <td title={ev.action}>
                    <Badge
                      tone={/denied|failed|refused|dead/.test(ev.action) ? 'danger' : 'neutral'}
                    >
                      {auditActionLabel(ev.action)}
                    </Badge>
                  </td>
                  <td title={ev.actorId ?? undefined}>{actorName(ev.actorId, users)}</td>
                  <td>
                    <AuditSubjectCell event={ev} names={names} />
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

function AuditSubjectCell({ event, names }: { event: AuditEvent; names: SubjectNames }) {
  const subject = auditSubject(event, names);
  if (subject.href) {
    return (
      <Link to={subject.href} title={subject.raw}>
        {subject.text}
      </Link>
    );
  }
  return (
    <span className={subject.text === subject.raw ? 'mono' : undefined} title={subject.raw}>
      {subject.text}
    </span>
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
