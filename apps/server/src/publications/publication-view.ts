import type { Publication } from '@tandem/schema';
import { redactUrl } from '@tandem/connectors';

/** Keys of the recorded request that hold an address ("url", "siteUrl"). */
const URL_KEY = /url$/i;

function redactUrls(value: unknown, key: string): unknown {
  if (typeof value === 'string') return URL_KEY.test(key) ? redactUrl(value) : value;
  if (Array.isArray(value)) return value.map((v) => redactUrls(v, ''));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactUrls(v, k)]));
  }
  return value;
}

function addressOf(request: Record<string, unknown>): string {
  const config = request.config as Record<string, unknown> | undefined;
  const url = request.url ?? config?.url;
  return typeof url === 'string' ? url : '';
}

/**
 * A publication as it leaves the server (HTTP and socket). A delivery that failed before its
 * channel answered keeps the step's settings as recorded, with the address as the designer typed
 * it: a `?token=` in a webhook URL reached every run viewer's browser. Addresses leave without
 * credentials, query or fragment; and such a delivery, recorded with no target, is named by that
 * address, so the run page can say where it was going.
 */
export function publicationForReaders(publication: Publication): Publication {
  const request = redactUrls(publication.request, '') as Publication['request'];
  const target = publication.target
    ? redactUrl(publication.target)
    : addressOf(publication.request) && redactUrl(addressOf(publication.request));
  return { ...publication, request, target };
}
