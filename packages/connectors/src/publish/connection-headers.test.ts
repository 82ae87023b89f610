import { describe, expect, it } from 'vitest';
import { createSecretBox, generateSecretKey } from '../crypto/secret-box.js';
import { openConnection, sealConnectionSecrets, secretValues } from './connection.js';
import { hasLegacyHeaders, liftLegacyHeaders, maskHeaders } from './connection-headers.js';
import type { Connection } from '@tandem/schema';

const box = createSecretBox(generateSecretKey());
const now = new Date().toISOString();

function row(settings: Record<string, unknown>, secrets: Record<string, unknown>): Connection {
  return {
    id: 'con_1',
    kind: 'webhook',
    name: 'CMS',
    settings: settings as Connection['settings'],
    secretsCiphertext: sealConnectionSecrets(box, 'con_1', secrets),
    disabled: false,
    disabledReason: null,
    createdAt: now,
    updatedAt: now,
    revision: 0,
  };
}

describe('connection headers', () => {
  it('opens a legacy connection with its plain-text headers moved into the secrets', () => {
    const legacy = row({ url: 'https://x.test/', headers: { 'X-Api-Key': 'legacy-key-0123' } }, {});
    expect(hasLegacyHeaders(legacy)).toBe(true);
    const opened = openConnection(box, legacy);
    expect(opened.settings).toEqual({ url: 'https://x.test/' });
    expect(opened.secrets.headers).toEqual({ 'X-Api-Key': 'legacy-key-0123' });
    expect(secretValues(opened)).toContain('legacy-key-0123');
  });

  it('lets a sealed header win over a plain-text one of the same name', () => {
    const lifted = liftLegacyHeaders(
      'webhook',
      { url: 'u', headers: { A: 'plain', B: 'only-plain' } },
      { headers: { A: 'sealed' } },
    );
    expect(lifted.secrets.headers).toEqual({ A: 'sealed', B: 'only-plain' });
  });

  it('leaves other kinds and header-less connections alone', () => {
    const settings = { host: 'smtp.example.com', headers: { X: 'y' } };
    expect(liftLegacyHeaders('smtp', settings, {})).toEqual({ settings, secrets: {} });
    expect(hasLegacyHeaders(row({ url: 'u' }, {}))).toBe(false);
  });

  it('masks header values the way other secrets are masked', () => {
    expect(
      maskHeaders({ headers: { Authorization: 'Bearer 0123456789abcdefXYZW', 'X-Env': 'prod' } }),
    ).toEqual({ Authorization: '••••••••XYZW', 'X-Env': '••••••••' });
    expect(maskHeaders({})).toEqual({});
  });
});
