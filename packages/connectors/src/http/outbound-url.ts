import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError, reservedExampleTld } from '@tandem/schema';
import { addressRefusal } from './address-policy.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (A and AAAA). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/**
 * Decides whether one resolved address may be connected to. The default refuses anything but
 * public unicast; tests inject a narrower exception (one fake public name on 127.0.0.1).
 */
export type AddressPolicy = (address: string, hostname: string) => boolean;

export interface OutboundPolicyOptions {
  /** Lifts the address check (TANDEM_ALLOW_PRIVATE_NETWORK=true); scheme and user-info checks stay. */
  allowPrivateNetwork?: boolean;
  resolve?: Resolver;
  isAllowedAddress?: AddressPolicy;
}

export const defaultResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
};

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/** Removes what must never be shown or logged (user-info, query, fragment). */
export function redactUrl(url: string | URL): string {
  try {
    const parsed = new URL(String(url));
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** Scheme and host only: a refused URL's path may be a credential (Slack hook URLs are). */
function originOf(url: string | URL): string {
  try {
    const parsed = new URL(String(url));
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  } catch {
    return '(invalid URL)';
  }
}

function forbidden(message: string, url: string, reason: string): AppError {
  return new AppError({
    code: 'URL_FORBIDDEN',
    message,
    origin: 'user',
    details: { url: originOf(url), reason },
  });
}

/** The bare host of a parsed URL: IPv6 literals lose their brackets, a trailing dot is dropped. */
export function hostOf(url: URL): string {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

function isLocalName(host: string): boolean {
  const lower = host.toLowerCase();
  return lower === 'localhost' || lower.endsWith('.localhost');
}

function addressAllowed(
  address: string,
  hostname: string,
  options: OutboundPolicyOptions,
): string | null {
  if (options.allowPrivateNetwork) return null;
  if (options.isAllowedAddress) {
    return options.isAllowedAddress(address, hostname) ? null : 'address not allowed';
  }
  return addressRefusal(address);
}

/**
 * Save-time check, no network: scheme, user-info, and the host when it is an IP literal or a
 * local name. WHATWG URL parsing normalises 127.1, 0x7f000001, 2130706433 and 017700000001 to
 * 127.0.0.1 before the literal is judged. Returns the parsed URL.
 */
export function checkOutboundUrl(url: string, options: OutboundPolicyOptions = {}): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw forbidden('The URL is not valid', url, 'invalid');
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) {
    throw forbidden(`Only http and https URLs are allowed, not ${parsed.protocol}`, url, 'scheme');
  }
  // The raw authority is checked too: WHATWG drops an empty "user:@" that a later parser may not.
  const rawAuthority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\\]*)/i.exec(url.trim())?.[1] ?? '';
  if (parsed.username !== '' || parsed.password !== '' || rawAuthority.includes('@')) {
    throw forbidden('URLs with a user name or password are not allowed', url, 'userinfo');
  }
  const host = hostOf(parsed);
  if (host === '') throw forbidden('The URL has no host', url, 'host');
  if (isIP(host)) {
    const refusal = addressAllowed(host, host, options);
    if (refusal)
      throw forbidden(`The URL points at a non-public address (${refusal})`, url, refusal);
  } else if (isLocalName(host) && !options.allowPrivateNetwork && !options.isAllowedAddress) {
    throw forbidden('The URL points at this machine', url, 'localhost');
  }
  return parsed;
}

/**
 * Resolves the URL's host and checks every address it has; returns the addresses that may be
 * connected to (all of them, since one refused address refuses the URL: a name with one public
 * and one private answer is a rebinding attempt as far as we are concerned).
 */
export async function resolveOutbound(
  parsed: URL,
  options: OutboundPolicyOptions = {},
): Promise<ResolvedAddress[]> {
  const host = hostOf(parsed);
  const family = isIP(host);
  if (family) return [{ address: host, family: family === 6 ? 6 : 4 }];
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? defaultResolver)(host);
  } catch (error) {
    const placeholder = reservedExampleTld(host);
    // A lookup that could not ask (EAI_AGAIN) says nothing about the name: that one is retried.
    if (placeholder && (error as { code?: unknown } | null)?.code !== 'EAI_AGAIN') {
      // Reserved names never resolve (RFC 2606, 6761): retrying cannot help, editing can.
      throw new AppError({
        code: 'URL_FORBIDDEN',
        message: `The host ${host} is an example address (.${placeholder} never exists): put the real address in the step's or connection's settings`,
        origin: 'user',
        details: { url: originOf(parsed), reason: 'placeholder' },
        cause: error,
      });
    }
    throw new AppError({
      code: 'URL_FORBIDDEN',
      message: `The host ${host} could not be resolved`,
      origin: 'user',
      retryable: true,
      details: { url: originOf(parsed), reason: 'dns' },
      cause: error,
    });
  }
  if (addresses.length === 0) {
    throw forbidden(`The host ${host} has no address`, String(parsed), 'dns');
  }
  for (const { address } of addresses) {
    const refusal = addressAllowed(address, host, options);
    if (refusal) {
      throw forbidden(
        `The host ${host} resolves to a non-public address (${refusal})`,
        String(parsed),
        refusal,
      );
    }
  }
  return addresses;
}

/** Save-time check with DNS: the static checks, then every resolved address. */
export async function checkOutboundUrlResolved(
  url: string,
  options: OutboundPolicyOptions = {},
): Promise<URL> {
  const parsed = checkOutboundUrl(url, options);
  await resolveOutbound(parsed, options);
  return parsed;
}
