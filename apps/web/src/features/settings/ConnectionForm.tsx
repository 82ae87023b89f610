import { useId, useState } from 'react';
import { CONNECTION_KINDS, type ConnectionKind } from '@tandem/schema';
import { isApiError } from '../../api/client.js';
import { Button, Field, useToast } from '../../ui/index.js';
import {
  CONNECTION_KIND_SPECS,
  connectionFieldErrors,
  headerRowsFrom,
  headersPayload,
  secretsPayload,
  settingsPayload,
  settingsValues,
  type HeaderRow,
} from './connection-form.js';
import { HeadersEditor } from './HeadersEditor.js';
import { createConnection, updateConnection, type ConnectionView } from './settings-api.js';

/**
 * Adds a connection, or edits `existing`. Stored secrets are never in the form: their boxes start
 * blank, say so, and a blank one keeps the stored value.
 */
export function ConnectionForm({
  existing,
  onSaved,
  onCancel,
}: {
  existing?: ConnectionView;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [kind, setKind] = useState<ConnectionKind>(existing?.kind ?? 'webhook');
  const spec = CONNECTION_KIND_SPECS[kind];
  const [name, setName] = useState(existing?.name ?? '');
  const [settings, setSettings] = useState<Record<string, string>>(() =>
    existing ? settingsValues(spec, existing.settings) : {},
  );
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [headers, setHeaders] = useState<HeaderRow[]>(() => headerRowsFrom(existing?.headers));
  const [problems, setProblems] = useState<string[]>([]);
  /** The server's refusals by field id; everything typed stays, so a fix is one edit away. */
  const [errors, setErrors] = useState<Record<string, string>>({});
  const toast = useToast();

  const save = async () => {
    const given = spec.headers ? headersPayload(headers) : null;
    if (given && given.errors.length > 0) {
      setProblems(given.errors);
      return;
    }
    setProblems([]);
    setErrors({});
    const change = {
      name: name.trim(),
      settings: settingsPayload(spec, settings, existing?.settings),
      secrets: secretsPayload(spec, secrets),
      ...(given ? { headers: given.headers } : {}),
    };
    try {
      if (existing) {
        await updateConnection(existing, change);
      } else {
        await createConnection({ kind, ...change });
        setName('');
        setSettings({});
        setHeaders([]);
      }
      setSecrets({});
      toast.show('Connection saved', 'success');
      onSaved();
    } catch (e) {
      const issues = isApiError(e) ? e.issues : [];
      if (issues.length === 0) {
        toast.show((e as Error).message, 'error');
        return;
      }
      const { fields, other } = connectionFieldErrors(issues);
      setErrors(fields);
      setProblems(other);
      toast.show('Not saved: check the marked fields', 'error');
    }
  };

  return (
    <form
      className="card settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{existing ? `Edit ${existing.name}` : 'Add a connection'}</h3>
      <div className="form-grid">
        {!existing && (
          <Field label="Kind" htmlFor={`${id}-kind`} help={spec.purpose}>
            <select
              id={`${id}-kind`}
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as ConnectionKind);
                setErrors({});
                setProblems([]);
              }}
            >
              {CONNECTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {CONNECTION_KIND_SPECS[k].label}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Name" htmlFor={`${id}-name`} required error={errors.name}>
          <input
            id={`${id}-name`}
            value={name}
            required
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        {spec.settings.map((s) => (
          <Field
            key={s.key}
            label={s.label}
            htmlFor={`${id}-s-${s.key}`}
            required={s.required}
            help={s.help}
            error={errors[`s-${s.key}`]}
          >
            {s.type === 'checkbox' ? (
              <input
                id={`${id}-s-${s.key}`}
                type="checkbox"
                checked={settings[s.key] === 'true'}
                onChange={(e) =>
                  setSettings({ ...settings, [s.key]: e.target.checked ? 'true' : '' })
                }
              />
            ) : (
              <input
                id={`${id}-s-${s.key}`}
                type={s.type ?? 'text'}
                value={settings[s.key] ?? ''}
                onChange={(e) => setSettings({ ...settings, [s.key]: e.target.value })}
              />
            )}
          </Field>
        ))}
        {spec.secrets.map((s) => {
          const stored = Boolean(existing?.secrets?.[s.key]);
          return (
            <Field
              key={s.key}
              label={s.label}
              htmlFor={`${id}-x-${s.key}`}
              help={`${s.help ? `${s.help} ` : ''}Stored encrypted; never shown again.`}
              required={s.required && !stored}
              error={errors[`x-${s.key}`]}
            >
              <input
                id={`${id}-x-${s.key}`}
                type="password"
                autoComplete="off"
                placeholder={stored ? 'stored — leave blank to keep' : undefined}
                value={secrets[s.key] ?? ''}
                onChange={(e) => setSecrets({ ...secrets, [s.key]: e.target.value })}
              />
            </Field>
          );
        })}
      </div>
      {spec.headers && <HeadersEditor idPrefix={id} rows={headers} onChange={setHeaders} />}
      {problems.length > 0 && (
        <ul className="notice notice-danger" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <Button type="submit" variant="primary">
          Save connection
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
