import { describe, expect, it } from 'vitest';
import { createFakeClock } from '@tandem/engine';
import { createMemoryStore } from '@tandem/store';
import { createAuditService } from '../audit/audit.service.js';
import { createLogger } from '../logger.js';
import { createAuthService } from './auth.service.js';
import { callerKey } from './caller-key.js';

describe('callerKey', () => {
  it('counts the addresses of one IPv6 network as one caller, IPv4 as itself', () => {
    expect(callerKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(callerKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(callerKey('2001:db8::7')).toBe('2001:db8:0:0::/64');
    expect(callerKey('::1')).toBe('0:0:0:0::/64');
    expect(callerKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(callerKey('203.0.113.9')).toBe('203.0.113.9');
    expect(callerKey('2001:db8:1:3::1')).not.toBe(callerKey('2001:db8:1:2::1'));
    // Not an address: kept as given rather than guessed at.
    expect(callerKey('unknown')).toBe('unknown');
    expect(callerKey('1::2::3')).toBe('1::2::3');
  });
});

describe('sign-in limits by network', () => {
  it('locks a /64 out together after its failures, and no other network', async () => {
    const store = createMemoryStore();
    const auth = createAuthService({
      store,
      clock: createFakeClock('2026-01-05T09:00:00.000Z'),
      logger: createLogger('error', () => undefined),
      audit: createAuditService(store),
      limits: { perIp: 3, perAccount: 3, windowMs: 60_000 },
    });
    const attempt = (ip: string) =>
      auth.login('nobody@example.com', 'wrong-password', ip).then(
        () => 'signed in',
        (error: { code?: string }) => error.code,
      );
    const answers = [];
    // Each try from a new address of the same network, as a host given a /64 can do.
    for (let i = 1; i <= 4; i += 1) answers.push(await attempt(`2001:db8:1:2::${i}`));
    expect(answers).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(await attempt('2001:db8:1:3::1')).toBe('UNAUTHENTICATED');
    // The audit trail keeps each address as it came.
    const failed = await store.audit.list({ action: 'auth.login_failed', limit: 10 });
    expect(failed.items.map((e) => e.details.ip)).toContain('2001:db8:1:2::2');
  });
});
