import ipaddr from 'ipaddr.js';

/*
 * Which IP addresses outbound requests may reach. The rule is an allow-list: only globally
 * routable unicast space passes; everything ipaddr.js names as special (loopback, private,
 * link-local/metadata, CGNAT, multicast, broadcast, reserved, documentation, ...) is refused.
 * IPv6 forms that carry an IPv4 address (mapped, translated, NAT64, 6to4, the deprecated
 * "compatible" ::a.b.c.d) are judged by the IPv4 address they lead to, so no encoding of a
 * private IPv4 address slips through as "global IPv6".
 */

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

function embeddedIPv4(address: IPv6): IPv4 | null {
  const range = address.range();
  const p = address.parts;
  const fromParts = (hi: number, lo: number): IPv4 =>
    new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') {
    return fromParts(p[6] ?? 0, p[7] ?? 0);
  }
  if (range === '6to4') return fromParts(p[1] ?? 0, p[2] ?? 0);
  // ::a.b.c.d ("IPv4-compatible", deprecated): first 96 bits zero, ipaddr.js calls it unicast.
  if (p.slice(0, 6).every((part) => part === 0)) return fromParts(p[6] ?? 0, p[7] ?? 0);
  return null;
}

/**
 * 64:ff9b:1::/48, local-use IPv4/IPv6 translation (RFC 8215): never globally reachable, and its
 * translators may embed the IPv4 address at any prefix length (bits 48-87 for a /48), so no
 * fixed 32 bits can be judged. ipaddr.js names it `rfc6052` like the well-known 64:ff9b::/96.
 */
const LOCAL_USE_NAT64 = ipaddr.parseCIDR('64:ff9b:1::/48');

function isPublicIPv4(address: IPv4): boolean {
  return address.range() === 'unicast';
}

/** Why an address is refused, or null when it is public. */
export function addressRefusal(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') {
    const v4 = parsed as IPv4;
    return isPublicIPv4(v4) ? null : `${v4.range()} address`;
  }
  const v6 = parsed as IPv6;
  const range = v6.range();
  if (range === 'unspecified' || range === 'loopback') return `${range} address`;
  if (v6.match(LOCAL_USE_NAT64)) return 'local-use NAT64 address';
  const v4 = embeddedIPv4(v6);
  if (v4) return isPublicIPv4(v4) ? null : `IPv6 embedding of a ${v4.range()} IPv4 address`;
  return range === 'unicast' ? null : `${range} address`;
}

/** True when the address is globally routable unicast (IPv4 or IPv6, any textual form). */
export function isPublicAddress(address: string): boolean {
  return addressRefusal(address) === null;
}
