import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Badge, Button, Modal, useToast } from '../../ui/index.js';
import { CONNECTION_KIND_SPECS, connectionFieldLabel } from './connection-form.js';
import { ConnectionForm } from './ConnectionForm.js';
import { ConnectionUsageNote } from './ConnectionUsageNote.js';
import { connectionTestMessage } from './settings-view.js';
import {
  deleteConnection,
  enableConnection,
  listConnections,
  testConnection,
  type ConnectionTest,
  type ConnectionView,
} from './settings-api.js';

/** Every secret the kind knows, with the server's masked form, or "not set". */
function secretNames(c: ConnectionView): [string, string | null][] {
  const masked = c.secrets ?? {};
  const known = CONNECTION_KIND_SPECS[c.kind]?.secrets.map((s) => s.key) ?? [];
  const keys = new Set([...known, ...Object.keys(masked)]);
  return [...keys].map((k) => [k, masked[k] ?? null]);
}

export function ConnectionsPanel() {
  const [items, setItems] = useState<ConnectionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, ConnectionTest | 'testing'>>({});
  const [editing, setEditing] = useState<string | null>(null);
  /** The connection whose removal waits for a yes: steps publishing through it stop working. */
  const [removing, setRemoving] = useState<ConnectionView | null>(null);
  const [busy, setBusy] = useState(false);
  /** Why the last remove failed, said inside the dialog: a toast sits behind it, dimmed. */
  const [removeError, setRemoveError] = useState<string | null>(null);
  /**
   * Each card's Edit button. Saving or canceling removes the form that had focus; without
   * handing it back here, a keyboard user is thrown to the top of the page.
   */
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const closeEditor = (connectionId: string) => {
    setEditing(null);
    editButtons.current.get(connectionId)?.focus();
  };
  const toast = useToast();
  const id = useId();
  const load = useCallback(() => {
    listConnections().then(setItems, (e: Error) => setError(e.message));
  }, []);
  useEffect(load, [load]);

  const test = async (c: ConnectionView) => {
    setResults((r) => ({ ...r, [c.id]: 'testing' }));
    try {
      const result = await testConnection(c.id);
      setResults((r) => ({ ...r, [c.id]: result }));
    } catch (e) {
      setResults((r) => ({ ...r, [c.id]: { ok: false, message: (e as Error).message } }));
    }
  };

  const remove = async (c: ConnectionView) => {
    setBusy(true);
    setRemoveError(null);
    try {
      await deleteConnection(c.id);
      setRemoving(null);
      setEditing((e) => (e === c.id ? null : e));
      toast.show(`Removed ${c.name}`, 'success');
      load();
    } catch (e) {
      setRemoveError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const askToRemove = (c: ConnectionView | null) => {
    setRemoveError(null);
    setRemoving(c);
  };

  const enable = async (c: ConnectionView) => {
    try {
      await enableConnection(c);
      toast.show(`${c.name} is enabled again`, 'success');
      load();
    } catch (e) {
      toast.show((e as Error).message, 'error');
    }
  };

  return (
    <section className="stack" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Connections</h2>
      {error && <p className="notice notice-danger">{error}</p>}
      {items && items.length === 0 && (
        <p className="muted">
          No connections yet. Add one below: publish steps send through them, and AI steps can use
          an LLM endpoint.
        </p>
      )}
      {items && items.length > 0 && (
        <ul className="conn-list">
          {items.map((c) => {
            const result = results[c.id];
            return (
              <li key={c.id} className="card">
                <div className="conn-head">
                  <strong>{c.name}</strong>{' '}
                  <Badge>{CONNECTION_KIND_SPECS[c.kind]?.label ?? c.kind}</Badge>
                  {c.disabled && <Badge tone="danger">Disabled</Badge>}
                </div>
                {/* Disabled, e.g. after its receiver answered 410 Gone. The reason was only a
                    hover title and nothing enabled it again: saving a fixed URL left it disabled. */}
                {c.disabled && (
                  <div className="notice notice-danger small conn-disabled">
                    <span>
                      Publish steps using it fail while it is disabled
                      {c.disabledReason ? `. Why: ${c.disabledReason}` : ''}.
                    </span>
                    <Button size="sm" onClick={() => void enable(c)}>
                      Enable
                    </Button>
                  </div>
                )}
                <dl className="kv small">
                  {Object.entries(c.settings).map(([k, v]) => (
                    <div key={k}>
                      <dt>{connectionFieldLabel(c.kind, k)}</dt>
                      <dd className="mono">{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
                    </div>
                  ))}
                  {secretNames(c).map(([k, hint]) => (
                    <div key={k}>
                      <dt>{connectionFieldLabel(c.kind, k)}</dt>
                      <dd
                        className="mono"
                        aria-label={`${connectionFieldLabel(c.kind, k)}: hidden`}
                      >
                        {hint ? hint : 'not set'}
                      </dd>
                    </div>
                  ))}
                  {Object.entries(c.headers ?? {}).map(([header, hint]) => (
                    <div key={`header:${header}`}>
                      <dt>header {header}</dt>
                      <dd className="mono" aria-label={`header ${header}: hidden`}>
                        {hint}
                      </dd>
                    </div>
                  ))}
                </dl>
                <div className="row">
                  <Button size="sm" onClick={() => void test(c)} disabled={result === 'testing'}>
                    {result === 'testing' ? 'Testing…' : 'Test connection'}
                  </Button>
                  <Button
                    size="sm"
                    ref={(el) => {
                      if (el) editButtons.current.set(c.id, el);
                      else editButtons.current.delete(c.id);
                    }}
                    aria-expanded={editing === c.id}
                    onClick={() => setEditing(editing === c.id ? null : c.id)}
                  >
                    Edit
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => askToRemove(c)}>
                    Remove
                  </Button>
                  <span role="status" className="small">
                    {result && result !== 'testing' && (
                      <span className={result.ok ? 'ok-text' : 'error-text'}>
                        {result.ok ? '✓ Works' : '✗ Failed'}
                        {result.message ? `: ${connectionTestMessage(result.message)}` : ''}
                        {result.durationMs !== undefined
                          ? ` (${Math.round(result.durationMs)} ms)`
                          : ''}
                      </span>
                    )}
                  </span>
                </div>
                {editing === c.id && (
                  <ConnectionForm
                    key={`${c.id}@${c.revision}`}
                    existing={c}
                    onSaved={() => {
                      closeEditor(c.id);
                      load();
                    }}
                    onCancel={() => closeEditor(c.id)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ConnectionForm onSaved={load} />
      <Modal
        open={removing !== null}
        title={`Remove ${removing?.name ?? ''}?`}
        onClose={() => !busy && askToRemove(null)}
        footer={
          <>
            {/* Busy, not disabled: a disabled button drops the focus out of the dialog. */}
            <Button variant="ghost" onClick={() => askToRemove(null)} busy={busy}>
              Keep it
            </Button>
            <Button variant="danger" onClick={() => removing && void remove(removing)} busy={busy}>
              {busy ? 'Removing…' : 'Remove'}
            </Button>
          </>
        }
      >
        {removing && <ConnectionUsageNote connectionId={removing.id} />}
        <p>
          Its stored credentials are deleted. Steps that name it fail until you pick another
          connection for them. This cannot be undone.
        </p>
        {removeError && (
          <p className="notice notice-danger" role="alert">
            It was not removed: {removeError}
          </p>
        )}
      </Modal>
    </section>
  );
}
