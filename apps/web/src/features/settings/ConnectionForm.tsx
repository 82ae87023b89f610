import { useEffect, useId, useRef, useState } from 'react';
import { CONNECTION_KINDS, type ConnectionKind } from '@tandem/schema';
import { isApiError } from '../../api/client.js';
import { Button, Field, useToast } from '../../ui/index.js';
import {
  CONNECTION_KIND_SPECS,
  connectionFieldErrors,
  headerRowsFrom,
  headersPayload,
  llmEndpointChanges,
  secretsPayload,
  settingsPayload,
  settingsValues,
  type HeaderRow,
} from './connection-form.js';
import { HeadersEditor } from './HeadersEditor.js';
import { useFocusFirstInvalid } from './use-focus-first-invalid.js';
import { connectionTestMessage } from './settings-view.js';
import {
  createConnection,
  testLlmDraft,
  updateConnection,
  type ConnectionView,
} from './settings-api.js';

/** One toast at a time for this form: a second failed save replaces the first, not stacks. */
const TOAST_GROUP = 'connection-form';

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
  /** An LLM endpoint that failed its test before saving: why, until the admin decides. */
  const [untested, setUntested] = useState<string | null>(null);
  const [busy, setBusy] = useState<'testing' | 'saving' | null>(null);
  const untestedNotice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (untested) untestedNotice.current?.focus();
  }, [untested]);
  const toast = useToast();
  const { container, refused: focusFirstInvalid } = useFocusFirstInvalid<HTMLFormElement>();

  const refused = (e: unknown) => {
    const issues = isApiError(e) ? e.issues : [];
    if (issues.length === 0) {
      toast.show((e as Error).message, 'error', TOAST_GROUP);
      return;
    }
    const { fields, other } = connectionFieldErrors(issues);
    setErrors(fields);
    setProblems(other);
    focusFirstInvalid();
    toast.show('Not saved: check the marked fields', 'error', TOAST_GROUP);
  };

  /** `untestedOk`: the admin chose to save an LLM endpoint that did not answer its test. */
  const save = async (untestedOk = false) => {
    const given = spec.headers ? headersPayload(headers) : null;
    if (given && given.errors.length > 0) {
      setProblems(given.errors);
      focusFirstInvalid();
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
    setUntested(null);
    // An LLM endpoint is used by every AI step that names none: one that does not answer would
    // fail them all from the next run on, so it is tested before it replaces what they use.
    if (kind === 'llm' && !untestedOk && llmEndpointChanges(existing, change)) {
      setBusy('testing');
      try {
        const result = await testLlmDraft({
          ...(existing ? { connectionId: existing.id } : {}),
          settings: change.settings,
          secrets: change.secrets,
        });
        if (!result.ok) {
          setUntested(connectionTestMessage(result.message ?? 'The model did not answer'));
          return;
        }
      } catch (e) {
        refused(e);
        return;
      } finally {
        setBusy(null);
      }
    }
    setBusy('saving');
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
      toast.show('Connection saved', 'success', TOAST_GROUP);
      onSaved();
    } catch (e) {
      refused(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    // noValidate: the browser's own bubbles said less than the app's messages and hid them.
    <form
      ref={container}
      noValidate
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
                setUntested(null);
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
      {kind === 'llm' && (
        <p className="notice small">
          Once saved, AI steps that name no endpoint send to this one instead of writing offline
          demo drafts, in every flow.
        </p>
      )}
      {untested && (
        <div
          ref={untestedNotice}
          tabIndex={-1}
          className="notice notice-danger"
          role="alert"
          aria-labelledby={`${id}-untested`}
        >
          <p id={`${id}-untested`}>
            The endpoint did not answer its test: {untested}. Save anyway? AI steps will use this
            endpoint and fail until it answers.
          </p>
          <div className="row">
            <Button variant="danger" onClick={() => void save(true)} busy={busy !== null}>
              Save anyway
            </Button>
            <Button
              onClick={() => {
                setUntested(null);
                document.getElementById(`${id}-s-baseUrl`)?.focus();
              }}
            >
              Keep editing
            </Button>
          </div>
        </div>
      )}
      {problems.length > 0 && (
        <ul className="notice notice-danger" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <Button type="submit" variant="primary" busy={busy !== null}>
          {busy === 'testing' ? 'Testing the endpoint…' : 'Save connection'}
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
