import type { ConnectionKind } from '@tandem/schema';

/*
 * What the connection form edits and what it sends. Secret values (secrets, and a webhook's
 * header values, where API keys go) are never shown: the server sends a masked hint, the form
 * starts them blank, and a blank secret means "keep the stored one".
 */

export interface KindSpec {
  label: string;
  settings: { key: string; label: string; type?: string }[];
  secrets: { key: string; label: string }[];
  /** Custom headers sent with every delivery, their values stored as secrets. */
  headers?: true;
}

export const CONNECTION_KIND_SPECS: Record<ConnectionKind, KindSpec> = {
  webhook: {
    label: 'Webhook',
    settings: [{ key: 'url', label: 'URL', type: 'url' }],
    secrets: [{ key: 'signingSecret', label: 'Signing secret (whsec_…)' }],
    headers: true,
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
    if (v) settings[s.key] = s.type === 'number' ? Number(v) : v;
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
