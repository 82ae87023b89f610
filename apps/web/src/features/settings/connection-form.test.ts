import { describe, expect, it } from 'vitest';
import {
  CONNECTION_KIND_SPECS,
  connectionFieldErrors,
  connectionFieldLabel,
  headerRowsFrom,
  headersPayload,
  llmEndpointChanges,
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

  it('turns a ticked box into true and an unticked one into the default, left out', () => {
    const stored = { host: 'localhost', port: 1025, allowPlainAuth: true };
    const values = settingsValues(smtp, stored);
    expect(values.allowPlainAuth).toBe('true');
    expect(settingsPayload(smtp, values, stored)).toMatchObject({ allowPlainAuth: true });
    expect(settingsPayload(smtp, { ...values, allowPlainAuth: '' }, stored)).not.toHaveProperty(
      'allowPlainAuth',
    );
  });

  it('sends only the secrets typed in, so blank ones keep the stored value', () => {
    expect(secretsPayload(smtp, { password: '' })).toEqual({});
    expect(secretsPayload(smtp, { password: 'new pass' })).toEqual({ password: 'new pass' });
  });
});

describe("the server's refusals in the form", () => {
  it('puts each issue next to its field, in words an admin reads', () => {
    expect(
      connectionFieldErrors([
        {
          path: ['settings', 'host'],
          message: 'Invalid input: expected string, received undefined',
        },
        { path: ['settings', 'port'], message: 'Too big: expected number to be <=65535' },
        { path: ['settings', 'from'], message: 'Invalid email address' },
        { path: ['secrets', 'signingSecret'], message: 'Use "whsec_" followed by 16 bytes' },
        { path: ['name'], message: 'Required' },
      ]),
    ).toEqual({
      fields: {
        's-host': 'Required',
        's-port': 'Must be 65535 or less',
        's-from': 'Enter an email address, like name@example.com',
        'x-signingSecret': 'Use "whsec_" followed by 16 bytes',
        name: 'Required',
      },
      other: [],
    });
  });

  it('keeps issues without a field of their own, naming the header', () => {
    expect(
      connectionFieldErrors([
        { path: ['headers', 'Host'], message: 'This header cannot be set' },
        { path: [], message: 'The connection has unknown fields' },
      ]),
    ).toEqual({
      fields: {},
      other: ['Header Host: This header cannot be set', 'The connection has unknown fields'],
    });
  });

  it('marks the fields the server requires', () => {
    const required = (kind: keyof typeof CONNECTION_KIND_SPECS) =>
      [...CONNECTION_KIND_SPECS[kind].settings, ...CONNECTION_KIND_SPECS[kind].secrets]
        .filter((f) => f.required)
        .map((f) => f.key);
    expect(required('webhook')).toEqual(['url']);
    expect(required('smtp')).toEqual(['host', 'from']);
    expect(required('slack')).toEqual(['webhookUrl']);
    expect(required('wordpress')).toEqual(['siteUrl', 'username', 'applicationPassword']);
  });
});

describe('a connection card', () => {
  it("names stored fields by the form's labels, not the API's keys", () => {
    expect(connectionFieldLabel('llm', 'baseUrl')).toBe('Base URL');
    expect(connectionFieldLabel('slack', 'webhookUrl')).toBe('Incoming webhook URL');
    expect(connectionFieldLabel('webhook', 'signingSecret')).toBe('Signing secret');
    expect(connectionFieldLabel('smtp', 'secure')).toBe('secure');
  });
});

describe('when the form tests an LLM endpoint before saving it', () => {
  const stored = { settings: { baseUrl: 'https://llm.example.com/v1', model: 'm' } };
  it('tests a new endpoint, and one whose address, model or key changed', () => {
    expect(llmEndpointChanges(undefined, { settings: {}, secrets: {} })).toBe(true);
    expect(
      llmEndpointChanges(stored, { settings: { ...stored.settings, model: 'n' }, secrets: {} }),
    ).toBe(true);
    expect(llmEndpointChanges(stored, { settings: { model: 'm' }, secrets: {} })).toBe(true);
    expect(
      llmEndpointChanges(stored, { settings: stored.settings, secrets: { apiKey: 'k' } }),
    ).toBe(true);
  });
  it('saves a name change alone untested', () => {
    expect(llmEndpointChanges(stored, { settings: { ...stored.settings }, secrets: {} })).toBe(
      false,
    );
  });
});
