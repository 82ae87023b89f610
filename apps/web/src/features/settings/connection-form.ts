import type { ConnectionKind, ErrorIssue } from '@tandem/schema';
import { readableIssue } from './settings-view.js';

/*
 * What the connection form edits and what it sends. Secret values (secrets, and a webhook's
 * header values, where API keys go) are never shown: the server sends a masked hint, the form
 * starts them blank, and a blank secret means "keep the stored one".
 */

export interface KindSpec {
  label: string;
  /** What Tandem does with a connection of this kind, under the Kind list. */
  purpose: string;
  /** `required`: the server refuses the connection without it (marked, so no one guesses). */
  /** `type` is an input type; a `checkbox` setting is stored as `true`, or left out. */
  settings: { key: string; label: string; type?: string; required?: true; help?: string }[];
  /** `help`: what the secret is for, when its name alone does not say. */
  secrets: { key: string; label: string; required?: true; help?: string }[];
  /** Custom headers sent with every delivery, their values stored as secrets. */
  headers?: true;
}

export const CONNECTION_KIND_SPECS: Record<ConnectionKind, KindSpec> = {
  webhook: {
    label: 'Webhook',
    purpose: 'Publish steps POST each approved item as JSON to this URL.',
    settings: [{ key: 'url', label: 'URL', type: 'url', required: true }],
    secrets: [
      {
        key: 'signingSecret',
        label: 'Signing secret',
        help: 'Optional. Lets the receiver check each delivery came from Tandem; the receiver gives it to you and it starts with whsec_. Empty: deliveries go unsigned.',
      },
    ],
    headers: true,
  },
  smtp: {
    label: 'SMTP (email)',
    purpose: 'Publish steps send approved items as emails through this mail server.',
    settings: [
      {
        key: 'host',
        label: 'Host',
        required: true,
        help: 'The mail server, e.g. smtp.example.com.',
      },
      {
        key: 'port',
        label: 'Port',
        type: 'number',
        help: 'Empty: 587, with STARTTLS. Use 465 for a server that wants TLS from the start.',
      },
      { key: 'username', label: 'User name', help: 'Empty when the server needs no login.' },
      {
        key: 'from',
        label: 'From address',
        type: 'email',
        required: true,
        help: 'Who the emails come from; the server must allow sending as this address.',
      },
      {
        key: 'allowPlainAuth',
        label: 'Send the password without encryption',
        type: 'checkbox',
        help: 'Only for a local test server. Otherwise the password is sent only over TLS (port 465) or STARTTLS, so no one on the way can read it.',
      },
    ],
    secrets: [{ key: 'password', label: 'Password' }],
  },
  slack: {
    label: 'Slack',
    purpose: 'Publish steps post approved items to one Slack channel.',
    settings: [],
    secrets: [
      {
        key: 'webhookUrl',
        label: 'Incoming webhook URL',
        required: true,
        help: 'In Slack, add an app with Incoming Webhooks for the channel and copy its URL (https://hooks.slack.com/…). Anyone with it can post there.',
      },
    ],
  },
  wordpress: {
    label: 'WordPress',
    purpose: 'Publish steps create posts on this WordPress site.',
    settings: [
      {
        key: 'siteUrl',
        label: 'Site URL',
        type: 'url',
        required: true,
        help: 'The blog’s address, e.g. https://blog.example.com.',
      },
      {
        key: 'username',
        label: 'User name',
        required: true,
        help: 'The WordPress user posts are published as.',
      },
    ],
    secrets: [
      {
        key: 'applicationPassword',
        label: 'Application password',
        required: true,
        help: 'Not the sign-in password: make one in WordPress under Users → Profile → Application Passwords.',
      },
    ],
  },
  llm: {
    label: 'LLM endpoint',
    purpose:
      'An OpenAI-compatible model for AI steps. Steps that name none use the first one saved, unless the server has its own model.',
    settings: [
      {
        key: 'baseUrl',
        label: 'Base URL',
        type: 'url',
        help: 'Empty for OpenAI. For Azure OpenAI, Ollama, vLLM or LM Studio, the address ending in /v1.',
      },
      {
        key: 'model',
        label: 'Default model',
        help: 'Empty: gpt-4o-mini. AI steps may name another.',
      },
    ],
    secrets: [
      {
        key: 'apiKey',
        label: 'API key',
        help: 'Empty for a local server that needs none.',
      },
    ],
  },
};

/**
 * What a connection's stored setting or secret is called on its card: the form's label, so an
 * admin reads "Signing secret", not the API's `signingSecret`. A key the form does not know
 * (stored by an older version) keeps its own name.
 */
export function connectionFieldLabel(kind: ConnectionKind, key: string): string {
  const spec = CONNECTION_KIND_SPECS[kind];
  const field = [...(spec?.settings ?? []), ...(spec?.secrets ?? [])].find((f) => f.key === key);
  return field?.label ?? key;
}

/**
 * Whether saving this LLM endpoint changes where AI steps send (a new endpoint, or its address,
 * key or model changed): then the form tests it before saving, since an endpoint that does not
 * answer fails every AI step that uses it. A name change alone is saved untested.
 */
export function llmEndpointChanges(
  existing: { settings: Record<string, unknown> } | undefined,
  change: { settings: Record<string, unknown>; secrets: Record<string, string> },
): boolean {
  if (!existing) return true;
  if (change.secrets.apiKey) return true;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  return (['baseUrl', 'model'] as const).some(
    (key) => text(existing.settings[key]) !== text(change.settings[key]),
  );
}

/** One header line of the form. `storedName` is set for a header the server already holds. */
export interface HeaderRow {
  id: number;
  name: string;
  value: string;
  storedName?: string;
}

let nextRowId = 0;

export function newHeaderRow(): HeaderRow {
  nextRowId += 1;
  return { id: nextRowId, name: '', value: '' };
}

/** The stored headers as rows: names shown, values blank (the server only sends a mask). */
export function headerRowsFrom(masked: Record<string, string> | undefined): HeaderRow[] {
  return Object.keys(masked ?? {}).map((name) => ({ ...newHeaderRow(), name, storedName: name }));
}

/** A stored header whose value is blank is kept; renamed, it needs its value again. */
export const keepsStoredValue = (row: HeaderRow): boolean =>
  row.storedName !== undefined &&
  row.value === '' &&
  row.storedName.toLowerCase() === row.name.trim().toLowerCase();

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;

/**
 * The header list the API takes: every header the connection keeps, with null for "keep the
 * stored value". A header the admin removed is simply not in it.
 */
export function headersPayload(rows: readonly HeaderRow[]): {
  headers: Record<string, string | null>;
  errors: string[];
} {
  const headers: Record<string, string | null> = {};
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.name.trim();
    if (!name && !row.value) continue;
    if (!HEADER_NAME.test(name)) {
      errors.push(`"${name}" is not a header name (letters, digits and - only)`);
      continue;
    }
    if (seen.has(name.toLowerCase())) errors.push(`The header ${name} is listed twice`);
    seen.add(name.toLowerCase());
    if (keepsStoredValue(row)) headers[name] = null;
    else if (row.value === '') errors.push(`Enter a value for the header ${name}`);
    else if (/[\r\n]/.test(row.value)) errors.push(`The value of ${name} must be one line`);
    else headers[name] = row.value;
  }
  return { headers, errors };
}

/**
 * Settings from the form's text fields (numbers converted), over the stored ones so settings the
 * form has no field for survive an edit; a field left blank is removed.
 */
export function settingsPayload(
  spec: KindSpec,
  values: Record<string, string>,
  stored: Record<string, unknown> = {},
): Record<string, unknown> {
  const settings: Record<string, unknown> = { ...stored };
  for (const s of spec.settings) {
    const v = values[s.key]?.trim();
    if (v) settings[s.key] = s.type === 'number' ? Number(v) : s.type === 'checkbox' ? true : v;
    else delete settings[s.key];
  }
  return settings;
}

/** The form's text for the stored settings it has fields for. */
export function settingsValues(
  spec: KindSpec,
  stored: Record<string, unknown>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const s of spec.settings) {
    const v = stored[s.key];
    if (typeof v === 'string' || typeof v === 'number') values[s.key] = String(v);
    else if (v === true) values[s.key] = 'true';
  }
  return values;
}

/** Only the secrets typed in: a blank one keeps the stored value. */
export function secretsPayload(
  spec: KindSpec,
  values: Record<string, string>,
): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const s of spec.secrets) {
    const v = values[s.key];
    if (v) secrets[s.key] = v;
  }
  return secrets;
}

/**
 * Where each of the server's validation issues belongs in the form: keyed like the form's field
 * ids (`name`, `s-<setting>`, `x-<secret>`), in words an admin reads. Issues with no field of
 * their own (a header's, shown under the headers) are returned apart, so none is lost.
 */
export function connectionFieldErrors(issues: readonly ErrorIssue[]): {
  fields: Record<string, string>;
  other: string[];
} {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const issue of issues) {
    const [part, key] = issue.path;
    const field =
      part === 'name'
        ? 'name'
        : part === 'settings' && typeof key === 'string'
          ? `s-${key}`
          : part === 'secrets' && typeof key === 'string'
            ? `x-${key}`
            : null;
    const message = readableIssue(issue.message);
    if (field !== null) fields[field] ??= message;
    else if (part === 'headers' && typeof key === 'string') other.push(`Header ${key}: ${message}`);
    else other.push(message);
  }
  return { fields, other };
}
