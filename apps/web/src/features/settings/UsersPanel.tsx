import { useCallback, useEffect, useId, useState } from 'react';
import { ROLES, UserCreateSchema, type Role, type User } from '@tandem/schema';
import { useAuth } from '../../auth/index.js';
import { isApiError } from '../../api/client.js';
import { Badge, Button, Field, Modal, useToast } from '../../ui/index.js';
import { createUser, getUser, listUsers, updateUser } from './settings-api.js';
import { issuesByField, userConflictMessage } from './settings-view.js';
import { useFocusFirstInvalid } from './use-focus-first-invalid.js';

/** What each role lets someone do, as the server's role checks allow it. */
const ROLE_MEANINGS: Record<Role, string> = {
  admin: 'Everything, plus people, connections, the brand kit and failed deliveries.',
  designer: 'Builds, publishes and runs flows.',
  reviewer: 'Decides on review tasks in the inbox.',
  manager: 'Tunes automation per checkpoint, accepts brand kit suggestions, reads the audit log.',
};

function RoleBoxes({
  value,
  onChange,
  label,
  disabled,
  busy,
}: {
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  label: string;
  disabled?: boolean;
  /**
   * A change is on its way: the boxes refuse another but keep the focus. Disabled, the box just
   * pressed dropped the keyboard focus to the page body on every change.
   */
  busy?: boolean;
}) {
  return (
    <fieldset className="role-boxes" aria-label={label}>
      {ROLES.map((r) => (
        <label key={r}>
          <input
            type="checkbox"
            checked={value.includes(r)}
            disabled={disabled}
            aria-disabled={busy || undefined}
            onChange={(e) => {
              if (busy) return;
              onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r));
            }}
          />
          <span title={ROLE_MEANINGS[r]}>{r}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** One toast at a time for this page: repeated refusals replace each other, not stack. */
const TOAST_GROUP = 'users';

export function UsersPanel() {
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({
    email: '',
    name: '',
    password: '',
    roles: ['reviewer'] as Role[],
  });
  const [formError, setFormError] = useState<string | null>(null);
  /** Problems with the new user, by field, shown under it; what was typed stays. */
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  /** The user whose disabling waits for a yes: it signs them out everywhere at once. */
  const [confirmDisable, setConfirmDisable] = useState<User | null>(null);
  /**
   * A role change that grants or removes admin, waiting for a yes: admin reaches people, every
   * credential and the audit trail, and a stray click used to grant it at once.
   */
  const [adminChange, setAdminChange] = useState<{ user: User; roles: Role[] } | null>(null);
  /** Users with a change on its way; their controls wait, so a second change is not stale. */
  const [saving, setSaving] = useState<ReadonlySet<string>>(new Set());
  const { user: me } = useAuth();
  const toast = useToast();
  const { container, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const id = useId();
  const load = useCallback(() => {
    listUsers().then(setUsers, (e: Error) => setError(e.message));
  }, []);
  useEffect(load, [load]);

  const change = async (u: User, patch: { roles?: Role[]; disabled?: boolean }) => {
    if (patch.roles && patch.roles.length === 0) {
      toast.show('A user needs at least one role', 'error', TOAST_GROUP);
      return;
    }
    const replace = (next: User) =>
      setUsers((list) => list?.map((x) => (x.id === u.id ? next : x)) ?? null);
    // The box shows the change at once; the server's answer, or the old value when it refuses,
    // then replaces it.
    replace({ ...u, ...patch });
    setSaving((ids) => new Set(ids).add(u.id));
    try {
      replace(await updateUser(u, patch));
      toast.show(`Saved ${u.name}`, 'success', TOAST_GROUP);
    } catch (e) {
      if (isApiError(e, 'CONFLICT')) {
        // The row is read again, so it shows what the server now has and a retry is not stale.
        const reloaded = await getUser(u.id).catch(() => u);
        replace(reloaded);
        toast.show(userConflictMessage(u, reloaded, e.message), 'error', TOAST_GROUP);
      } else {
        replace(u);
        toast.show((e as Error).message, 'error', TOAST_GROUP);
      }
    } finally {
      setSaving((ids) => {
        const rest = new Set(ids);
        rest.delete(u.id);
        return rest;
      });
    }
  };

  const create = async () => {
    setFormError(null);
    // The server's own rules, checked here first: the browser's email check let `rae@example`
    // through, and its bubbles hid the app's messages.
    const checked = UserCreateSchema.safeParse(form);
    if (!checked.success) {
      const fields = issuesByField(
        checked.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      );
      if (fields.roles) fields.roles = 'Pick at least one role';
      setFieldErrors(fields);
      refused();
      return;
    }
    setFieldErrors({});
    try {
      await createUser(form);
      setForm({ email: '', name: '', password: '', roles: ['reviewer'] });
      toast.show('User created', 'success', TOAST_GROUP);
      load();
    } catch (e) {
      if (isApiError(e, 'CONFLICT')) setFieldErrors({ email: e.message });
      else if (isApiError(e) && e.issues.length > 0) setFieldErrors(issuesByField(e.issues));
      else setFormError((e as Error).message);
      refused();
    }
  };

  return (
    <section aria-labelledby={`${id}-h`} className="stack">
      <h2 id={`${id}-h`}>Users and roles</h2>
      {/* The boxes say only a role's name; what it lets someone do is the admin's question. */}
      <dl className="role-legend" aria-label="What each role can do">
        {ROLES.map((r) => (
          <div key={r}>
            <dt>{r}</dt>
            <dd>{ROLE_MEANINGS[r]}</dd>
          </div>
        ))}
      </dl>
      {error && <p className="notice notice-danger">{error}</p>}
      {users && (
        <div className="card table-wrap">
          <table className="table users-table">
            <caption className="sr-only">Users</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <strong>{u.name}</strong>
                    {u.id === me?.id && ' (you)'}
                    <div className="small muted">{u.email}</div>
                    {/* This page keeps admins from locking themselves out, so their own role
                        boxes are greyed and Disable is missing: say why, or it reads as broken. */}
                    {u.id === me?.id && (
                      <div className="small muted">
                        Another admin can change your roles or disable you; you cannot.
                      </div>
                    )}
                  </td>
                  <td>
                    <RoleBoxes
                      label={`Roles of ${u.name}`}
                      value={u.roles}
                      disabled={u.id === me?.id}
                      busy={saving.has(u.id)}
                      onChange={(roles) =>
                        roles.includes('admin') !== u.roles.includes('admin')
                          ? setAdminChange({ user: u, roles })
                          : void change(u, { roles })
                      }
                    />
                  </td>
                  <td>
                    {u.disabled ? (
                      <Badge tone="danger">Disabled</Badge>
                    ) : (
                      <Badge tone="success">Active</Badge>
                    )}{' '}
                    {u.id !== me?.id && (
                      <Button
                        size="sm"
                        variant="ghost"
                        busy={saving.has(u.id)}
                        onClick={() =>
                          u.disabled ? void change(u, { disabled: false }) : setConfirmDisable(u)
                        }
                      >
                        {u.disabled ? 'Enable' : 'Disable'}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {/* noValidate: the app's messages stand under the fields; no browser bubbles. */}
      <form
        ref={container}
        noValidate
        className="card settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h3>Add a user</h3>
        <div className="form-grid">
          <Field label="Name" htmlFor={`${id}-name`} required error={fieldErrors.name}>
            <input
              id={`${id}-name`}
              value={form.name}
              required
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          </Field>
          <Field label="Email" htmlFor={`${id}-email`} required error={fieldErrors.email}>
            <input
              id={`${id}-email`}
              type="email"
              value={form.email}
              required
              onChange={(e) => setForm({ ...form, email: e.target.value })}
            />
          </Field>
          <Field
            label="Initial password"
            htmlFor={`${id}-pw`}
            required
            help="At least 8 characters."
            error={fieldErrors.password}
          >
            <input
              id={`${id}-pw`}
              type="password"
              autoComplete="new-password"
              value={form.password}
              minLength={8}
              required
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
          </Field>
        </div>
        <RoleBoxes
          label="Roles of the new user"
          value={form.roles}
          onChange={(roles) => setForm({ ...form, roles })}
        />
        {fieldErrors.roles && (
          <p className="field-error" role="alert">
            {fieldErrors.roles}
          </p>
        )}
        {formError && (
          <p className="field-error" role="alert">
            {formError}
          </p>
        )}
        <div>
          <Button type="submit" variant="primary">
            Add user
          </Button>
        </div>
      </form>
      <Modal
        open={adminChange !== null}
        title={
          adminChange?.roles.includes('admin')
            ? `Make ${adminChange.user.name} an admin?`
            : `Remove admin from ${adminChange?.user.name ?? ''}?`
        }
        onClose={() => setAdminChange(null)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setAdminChange(null)}>
              Cancel
            </Button>
            <Button
              variant={adminChange?.roles.includes('admin') ? 'primary' : 'danger'}
              onClick={() => {
                if (adminChange) void change(adminChange.user, { roles: adminChange.roles });
                setAdminChange(null);
              }}
            >
              {adminChange?.roles.includes('admin') ? 'Make admin' : 'Remove admin'}
            </Button>
          </>
        }
      >
        <p>
          {adminChange?.roles.includes('admin')
            ? `${adminChange.user.name} can then manage people and roles, every connection and its credentials, the brand kit and the audit trail.`
            : `${adminChange?.user.name ?? ''} can no longer manage people, connections, the brand kit or the audit trail.`}
        </p>
      </Modal>
      <Modal
        open={confirmDisable !== null}
        title={`Disable ${confirmDisable?.name ?? ''}?`}
        onClose={() => setConfirmDisable(null)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirmDisable(null)}>
              Keep active
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                if (confirmDisable) void change(confirmDisable, { disabled: true });
                setConfirmDisable(null);
              }}
            >
              Disable
            </Button>
          </>
        }
      >
        <p>
          {confirmDisable?.name} is signed out everywhere at once and cannot sign in until you
          enable them again. Nothing they did is removed.
        </p>
      </Modal>
    </section>
  );
}
