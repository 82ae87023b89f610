/** What stands in for the hidden part of an address. */
export const MASKED = '…';

/** Keys whose string values are addresses: `url`, `siteUrl`, a publish step's `target`. */
export const ADDRESS_KEY = /(url|target)$/i;

/**
 * An address as people who only read it see it: scheme, host and the first path segment. The
 * rest may be the credential itself: a Slack incoming webhook's path is its token
 * (https://hooks.slack.com/services/T0/B0/XXXX), and receivers take `?token=` in the query.
 * Login details go too. Anything but an http(s) URL is hidden whole: it may be a credential
 * typed without its scheme.
 */
export function maskAddress(address: string): string {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return MASKED;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return MASKED;
  const [first = '', ...more] = url.pathname.split('/').filter(Boolean);
  const kept = `${url.protocol}//${url.host}${first ? `/${first}` : ''}`;
  if (more.length > 0) return `${kept}/${MASKED}`;
  if (url.search || url.hash) return `${kept}?${MASKED}`;
  return kept;
}

/** http(s) addresses inside free text, up to the next space, quote or bracket. */
const ADDRESS_IN_TEXT = /\bhttps?:\/\/[^\s"'<>()[\]{}]+/gi;

/** Free text (an error message) with every http(s) address in it masked. */
export function maskAddressesInText(text: string): string {
  return text.replace(ADDRESS_IN_TEXT, (address) => maskAddress(address));
}

/**
 * `value` with the strings under address keys masked, at any depth. Strings that are not http(s)
 * addresses (an email step's "email to …" target) are left as they are.
 */
export function maskAddressFields<T>(value: T, key = ''): T {
  if (typeof value === 'string') {
    return (
      ADDRESS_KEY.test(key) && /^https?:/i.test(value.trim()) ? maskAddress(value) : value
    ) as T;
  }
  if (Array.isArray(value)) return value.map((v) => maskAddressFields(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, maskAddressFields(v, k)]),
    ) as T;
  }
  return value;
}
