import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '@tandem/schema';

/*
 * Connection secrets at rest: AES-256-GCM, a fresh 96-bit IV per seal, the auth tag checked on
 * open. The sealed form names the key it was sealed with (a short fingerprint), so the key can be
 * rotated: new seals use the current key, old ones still open with a previous key until they are
 * re-sealed. Callers may bind a ciphertext to its record (additional authenticated data, e.g.
 * the connection id) so a ciphertext copied onto another record does not open.
 */

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;

export interface SecretBox {
  /** Fingerprint of the current key (safe to log). */
  readonly keyId: string;
  seal(value: Record<string, unknown>, associatedData?: string): string;
  open(sealed: string, associatedData?: string): Record<string, unknown>;
}

function invalidKey(message: string): AppError {
  return new AppError({ code: 'CONFIG_INVALID', message });
}

/** Accepts 32 bytes as base64/base64url (43–44 chars) or hex (64 chars). */
export function parseSecretKey(keyMaterial: string): Buffer {
  const material = keyMaterial.trim();
  if (/^[0-9a-fA-F]{64}$/.test(material)) return Buffer.from(material, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(material)) {
    const key = Buffer.from(material.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  throw invalidKey(
    'The secret key must be 32 random bytes, base64 or hex encoded (e.g. `openssl rand -base64 32`)',
  );
}

/** A new random key in the form parseSecretKey accepts. */
export function generateSecretKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

function fingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function cannotOpen(reason: string): AppError {
  return new AppError({
    code: 'CONFIG_INVALID',
    message: `Stored secrets cannot be decrypted (${reason})`,
    details: { reason },
  });
}

export function createSecretBox(keyMaterial: string, previousKeys: string[] = []): SecretBox {
  const current = parseSecretKey(keyMaterial);
  const keys = new Map<string, Buffer>();
  for (const key of [current, ...previousKeys.map(parseSecretKey)]) {
    if (!keys.has(fingerprint(key))) keys.set(fingerprint(key), key);
  }
  const keyId = fingerprint(current);

  return {
    keyId,
    seal(value, associatedData = '') {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return [VERSION, keyId, ...parts].join('.');
    },
    open(sealed, associatedData = '') {
      const [version, id, iv, tag, body, ...rest] = sealed.split('.');
      if (version !== VERSION || !id || !iv || !tag || body === undefined || rest.length > 0) {
        throw cannotOpen('unknown format');
      }
      const key = keys.get(id);
      if (!key) throw cannotOpen(`sealed with unknown key ${id}`);
      let plain: string;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        plain = Buffer.concat([
          decipher.update(Buffer.from(body, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw cannotOpen('tampered, or sealed for another record');
      }
      const value: unknown = JSON.parse(plain);
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        throw cannotOpen('not an object');
      }
      return value as Record<string, unknown>;
    },
  };
}
