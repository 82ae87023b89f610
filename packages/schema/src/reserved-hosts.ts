/** Top-level names reserved for examples and tests (RFC 2606, 6761): no DNS ever answers them. */
const RESERVED_TLD = /\.(example|invalid|test)\.?$/i;

/**
 * The reserved top-level name a host ends in ("example" for cms.example), or null. Such an
 * address can never be reached: the editor flags it, and a send to it fails at once rather
 * than being retried.
 */
export function reservedExampleTld(host: string): string | null {
  return RESERVED_TLD.exec(host)?.[1] ?? null;
}
