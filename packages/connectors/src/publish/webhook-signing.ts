import { createHash, createHmac, randomBytes } from 'node:crypto';
import { AppError } from '@tandem/schema';

/*
 * Standard Webhooks signing (standardwebhooks.com): the signed content is
 * `${webhook-id}.${webhook-timestamp}.${body}`, HMAC-SHA256 keyed with the base64 bytes after
 * `whsec_`, sent as `v1,<base64>`. During rotation both secrets sign and the header carries both
 * signatures, space separated, so receivers on either secret accept the delivery.
 */

const PREFIX = 'whsec_';

export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(24).toString('base64')}`;
}

export function webhookSecretBytes(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const bytes = Buffer.from(encoded, 'base64');
  if (
    bytes.length < 16 ||
    bytes.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')
  ) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: 'A webhook signing secret must be "whsec_" followed by at least 16 base64 bytes',
      origin: 'user',
      details: { issues: [{ path: ['secrets', 'signingSecret'], message: 'Not a whsec_ secret' }] },
    });
  }
  return bytes;
}

/** The message id for a publication: derived from its key, so every attempt carries the same. */
export function webhookIdFor(publicationKey: string): string {
  return `msg_${createHash('sha256').update(publicationKey).digest('base64url').slice(0, 32)}`;
}

export function signWebhook(
  id: string,
  timestampSeconds: number,
  body: string,
  secrets: readonly string[],
): string {
  return secrets
    .map((secret) => {
      const mac = createHmac('sha256', webhookSecretBytes(secret))
        .update(`${id}.${timestampSeconds}.${body}`)
        .digest('base64');
      return `v1,${mac}`;
    })
    .join(' ');
}
