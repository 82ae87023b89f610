import { describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import { maskSecret, maskSecrets, maskUrl, redactSecrets } from './mask.js';
import { createSecretBox, generateSecretKey, parseSecretKey } from './secret-box.js';

describe('secret box (AES-256-GCM)', () => {
  const key = generateSecretKey();
  const box = createSecretBox(key);

  it('round-trips a JSON object and never shows the plaintext', () => {
    const sealed = box.seal({ password: 'hunter2-very-secret', port: 587 }, 'connection:c1');
    expect(sealed).not.toContain('hunter2');
    expect(sealed.startsWith(`v1.${box.keyId}.`)).toBe(true);
    expect(box.open(sealed, 'connection:c1')).toEqual({
      password: 'hunter2-very-secret',
      port: 587,
    });
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal({ a: 1 })).not.toBe(box.seal({ a: 1 }));
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = box.seal({ token: 'abc' });
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrowError(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('refuses a ciphertext moved to another record', () => {
    const sealed = box.seal({ token: 'abc' }, 'connection:c1');
    expect(() => box.open(sealed, 'connection:c2')).toThrow(/another record/);
  });

  it('refuses a ciphertext sealed with another key', () => {
    const other = createSecretBox(generateSecretKey());
    expect(() => other.open(box.seal({ a: 1 }))).toThrow(/unknown key/);
  });

  it('opens old ciphertexts with a previous key during rotation', () => {
    const rotated = createSecretBox(generateSecretKey(), [key]);
    const old = box.seal({ a: 1 });
    expect(rotated.open(old)).toEqual({ a: 1 });
    expect(rotated.seal({ a: 1 }).split('.')[1]).toBe(rotated.keyId);
  });

  it('accepts 32-byte keys in base64, base64url and hex, and nothing weaker', () => {
    const bytes = Buffer.alloc(32, 7);
    expect(parseSecretKey(bytes.toString('base64'))).toEqual(bytes);
    expect(parseSecretKey(bytes.toString('base64url'))).toEqual(bytes);
    expect(parseSecretKey(bytes.toString('hex'))).toEqual(bytes);
    for (const weak of ['', 'password', Buffer.alloc(16).toString('base64'), 'z'.repeat(64)]) {
      expect(() => parseSecretKey(weak)).toSatisfy(() => {
        try {
          parseSecretKey(weak);
          return false;
        } catch (error) {
          return isAppError(error, 'CONFIG_INVALID');
        }
      });
    }
  });
});

describe('masking', () => {
  it('shows only the last four characters of long secrets', () => {
    expect(maskSecret('whsec_abcdefghijklmnopqrstuvwxyz')).toBe('••••••••wxyz');
    expect(maskSecret('short')).toBe('••••••••');
    expect(maskSecret('')).toBe('');
  });

  it('keeps only scheme and host of URLs', () => {
    expect(maskUrl('https://hooks.slack.com/services/T000/B000/XXXX')).toBe(
      'https://hooks.slack.com/••••••••',
    );
    expect(maskUrl('https://example.com/')).toBe('https://example.com');
  });

  it('masks every value of a secrets object', () => {
    const masked = maskSecrets({
      webhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX',
      password: 'correct horse battery staple',
    });
    expect(JSON.stringify(masked)).not.toMatch(/XXXX|horse/);
    expect(masked.password).toBe('••••••••aple');
  });

  it('redacts secrets inside free text', () => {
    expect(redactSecrets('token=abc123secret; again abc123secret', ['abc123secret'])).toBe(
      'token=••••••••; again ••••••••',
    );
  });
});
