import { describe, expect, it } from 'vitest';
import {
  CONNECTION_KIND_SPECS,
  headerRowsFrom,
  headersPayload,
  newHeaderRow,
  secretsPayload,
  settingsPayload,
  settingsValues,
} from './connection-form.js';

describe('connection headers in the form', () => {
  it('starts stored headers with their names and blank values, never the masked hint', () => {
    const rows = headerRowsFrom({ 'X-Api-Key': '••••••••KEY1' });
    expect(rows).toEqual([
      { id: expect.any(Number), name: 'X-Api-Key', value: '', storedName: 'X-Api-Key' },
    ]);
    expect(headerRowsFrom(undefined)).toEqual([]);
  });

  it('sends null to keep a stored value, a typed value to replace it, and leaves removed ones out', () => {
    const [kept, replaced] = headerRowsFrom({ 'X-Api-Key': '••••', Authorization: '••••' });
    const added = { ...newHeaderRow(), name: ' X-Env ', value: 'prod' };
    expect(
      headersPayload([kept!, { ...replaced!, value: 'Bearer new' }, added, newHeaderRow()]),
    ).toEqual({
      headers: { 'X-Api-Key': null, Authorization: 'Bearer new', 'X-Env': 'prod' },
      errors: [],
    });
    expect(headersPayload([])).toEqual({ headers: {}, errors: [] });
  });

  it('asks for a value for a new or renamed header, and refuses bad or repeated names', () => {
    const [stored] = headerRowsFrom({ 'X-Api-Key': '••••' });
    const { errors } = headersPayload([
      { ...stored!, name: 'X-Key' },
      { ...newHeaderRow(), name: 'X-New' },
      { ...newHeaderRow(), name: 'Bad name', value: 'v' },
      { ...newHeaderRow(), name: 'x-new', value: 'v' },
    ]);
    expect(errors).toEqual([
      'Enter a value for the header X-Key',
      'Enter a value for the header X-New',
      '"Bad name" is not a header name (letters, digits and - only)',
      'The header x-new is listed twice',
    ]);
  });
});

describe('connection settings and secrets in the form', () => {
  const smtp = CONNECTION_KIND_SPECS.smtp;

  it('keeps settings the form has no field for, converts numbers and drops cleared fields', () => {
    const stored = { host: 'mail.example.com', port: 587, secure: true, username: 'me' };
    const values: Record<string, string> = {
      ...settingsValues(smtp, stored),
      port: '465',
      username: ' ',
    };
    expect(values.host).toBe('mail.example.com');
    expect(settingsPayload(smtp, values, stored)).toEqual({
      host: 'mail.example.com',
      port: 465,
      secure: true,
    });
  });

  it('sends only the secrets typed in, so blank ones keep the stored value', () => {
    expect(secretsPayload(smtp, { password: '' })).toEqual({});
    expect(secretsPayload(smtp, { password: 'new pass' })).toEqual({ password: 'new pass' });
  });
});
