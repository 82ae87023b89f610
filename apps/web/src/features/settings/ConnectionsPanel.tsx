import { useCallback, useEffect, useId, useState } from 'react';
import { CONNECTION_KINDS, type ConnectionKind } from '@tandem/schema';
import { Badge, Button, Field, useToast } from '../../ui/index.js';
import {
  createConnection,
  listConnections,
  testConnection,
  type ConnectionTest,
  type ConnectionView,
} from './settings-api.js';

interface KindSpec {
  label: string;
  settings: { key: string; label: string; type?: string }[];
  secrets: { key: string; label: string }[];
}

const KINDS: Record<ConnectionKind, KindSpec> = {
  webhook: {
    label: 'Webhook',
    settings: [{ key: 'url', label: 'URL', type: 'url' }],
    secrets: [{ key: 'signingSecret', label: 'Signing secret (whsec_…)' }],
  },
  smtp: {
    label: 'SMTP (email)',
    settings: [
      { key: 'host', label: 'Host' },
      { key: 'port', label: 'Port', type: 'number' },
      { key: 'username', label: 'User name' },
      { key: 'from', label: 'From address', type: 'email' },
    ],
    secrets: [{ key: 'password', label: 'Password' }],
  },
  slack: {
    label: 'Slack',
    settings: [],
    secrets: [{ key: 'webhookUrl', label: 'Incoming webhook URL' }],
  },
  wordpress: {
    label: 'WordPress',
    settings: [
      { key: 'siteUrl', label: 'Site URL', type: 'url' },
      { key: 'username', label: 'User name' },
    ],
    secrets: [{ key: 'applicationPassword', label: 'Application password' }],
  },
  llm: {
    label: 'LLM endpoint',
    settings: [
      { key: 'baseUrl', label: 'Base URL', type: 'url' },
      { key: 'model', label: 'Default model' },
    ],
    secrets: [{ key: 'apiKey', label: 'API key' }],
  },
};

/** Every secret the kind knows, with the server's masked form, or "not set". */
function secretNames(c: ConnectionView): [string, string | null][] {
  const masked = c.secrets ?? {};
  const known = KINDS[c.kind]?.secrets.map((s) => s.key) ?? [];
  const keys = new Set([...known, ...Object.keys(masked)]);
  return [...keys].map((k) => [k, masked[k] ?? null]);
}

export function ConnectionsPanel() {
  const [items, setItems] = useState<ConnectionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, ConnectionTest | 'testing'>>({});
  const [kind, setKind] = useState<ConnectionKind>('webhook');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
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

  const create = async () => {
    const spec = KINDS[kind];
    const settings: Record<string, string | number> = {};
    for (const s of spec.settings) {
      const v = values[`s.${s.key}`]?.trim();
      if (v) settings[s.key] = s.type === 'number' ? Number(v) : v;
    }
    const secrets: Record<string, string> = {};
    for (const s of spec.secrets) {
      const v = values[`x.${s.key}`];
      if (v) secrets[s.key] = v;
    }
    try {
      await createConnection({ kind, name: name.trim(), settings, secrets });
      setName('');
      setValues({});
      toast.show('Connection saved', 'success');
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
        <p className="muted">No connections yet. Add one below so publish steps can use it.</p>
      )}
      {items && items.length > 0 && (
        <ul className="conn-list">
          {items.map((c) => {
            const result = results[c.id];
            return (
              <li key={c.id} className="card">
                <div className="conn-head">
                  <strong>{c.name}</strong> <Badge>{KINDS[c.kind]?.label ?? c.kind}</Badge>
                  {c.disabled && (
                    <Badge tone="danger" title={c.disabledReason ?? undefined}>
                      Disabled
                    </Badge>
                  )}
                </div>
                <dl className="kv small">
                  {Object.entries(c.settings).map(([k, v]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd className="mono">{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
                    </div>
                  ))}
                  {secretNames(c).map(([k, hint]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd className="mono" aria-label={`${k}: hidden`}>
                        {hint ? hint : 'not set'}
                      </dd>
                    </div>
                  ))}
                </dl>
                <div className="row">
                  <Button size="sm" onClick={() => void test(c)} disabled={result === 'testing'}>
                    {result === 'testing' ? 'Testing…' : 'Test connection'}
                  </Button>
                  <span role="status" className="small">
                    {result && result !== 'testing' && (
                      <span className={result.ok ? 'ok-text' : 'error-text'}>
                        {result.ok ? '✓ Works' : '✗ Failed'}
                        {result.message ? `: ${result.message}` : ''}
                        {result.durationMs !== undefined
                          ? ` (${Math.round(result.durationMs)} ms)`
                          : ''}
                      </span>
                    )}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <form
        className="card settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h3>Add a connection</h3>
        <div className="form-grid">
          <Field label="Kind" htmlFor={`${id}-kind`}>
            <select
              id={`${id}-kind`}
              value={kind}
              onChange={(e) => setKind(e.target.value as ConnectionKind)}
            >
              {CONNECTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KINDS[k].label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Name" htmlFor={`${id}-name`} required>
            <input
              id={`${id}-name`}
              value={name}
              required
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          {KINDS[kind].settings.map((s) => (
            <Field key={s.key} label={s.label} htmlFor={`${id}-s-${s.key}`}>
              <input
                id={`${id}-s-${s.key}`}
                type={s.type ?? 'text'}
                value={values[`s.${s.key}`] ?? ''}
                onChange={(e) => setValues({ ...values, [`s.${s.key}`]: e.target.value })}
              />
            </Field>
          ))}
          {KINDS[kind].secrets.map((s) => (
            <Field
              key={s.key}
              label={s.label}
              htmlFor={`${id}-x-${s.key}`}
              help="Stored encrypted; never shown again."
            >
              <input
                id={`${id}-x-${s.key}`}
                type="password"
                autoComplete="off"
                value={values[`x.${s.key}`] ?? ''}
                onChange={(e) => setValues({ ...values, [`x.${s.key}`]: e.target.value })}
              />
            </Field>
          ))}
        </div>
        <div>
          <Button type="submit" variant="primary">
            Save connection
          </Button>
        </div>
      </form>
    </section>
  );
}
