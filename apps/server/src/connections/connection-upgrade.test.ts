import { describe, expect, it } from 'vitest';
import type { Connection } from '@tandem/schema';
import type { Logger } from '@tandem/nodes';
import { createMemoryStore } from '@tandem/store';
import { createSecretBox, generateSecretKey, sealConnectionSecrets } from '@tandem/connectors';
import { createAuditService } from '../audit/audit.service.js';
import { sealLegacyConnectionHeaders } from './connection-upgrade.js';

const box = createSecretBox(generateSecretKey());
const otherBox = createSecretBox(generateSecretKey());
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function row(id: string, sealedWith = box): Connection {
  const now = new Date().toISOString();
  return {
    id,
    kind: 'webhook',
    name: id,
    settings: { url: 'https://hooks.example.com/in', headers: { 'X-Api-Key': 'plain-key-1234' } },
    secretsCiphertext: sealConnectionSecrets(sealedWith, id, {
      signingSecret: 'whsec_x',
      headers: { 'X-Sealed': 'sealed-value' },
    }),
    disabled: false,
    disabledReason: null,
    createdAt: now,
    updatedAt: now,
    revision: 0,
  };
}

describe('sealLegacyConnectionHeaders', () => {
  it('moves plain-text headers in with the other secrets, once', async () => {
    const store = createMemoryStore();
    const created = await store.connections.create(row('con_a'));
    const deps = { store, secretBox: box, audit: createAuditService(store), logger: quiet };
    expect(await sealLegacyConnectionHeaders(deps)).toBe(1);
    const moved = await store.connections.get('con_a');
    expect(moved.settings).toEqual({ url: 'https://hooks.example.com/in' });
    expect(moved.revision).toBe(created.revision + 1);
    expect(box.open(moved.secretsCiphertext, 'connection:con_a')).toEqual({
      signingSecret: 'whsec_x',
      headers: { 'X-Api-Key': 'plain-key-1234', 'X-Sealed': 'sealed-value' },
    });
    expect(await sealLegacyConnectionHeaders(deps)).toBe(0);
    expect((await store.connections.get('con_a')).revision).toBe(created.revision + 1);
  });

  it('drops an empty plain-text header list without an audit entry', async () => {
    const store = createMemoryStore();
    const empty = row('con_c');
    await store.connections.create({
      ...empty,
      settings: { ...empty.settings, headers: {} },
      secretsCiphertext: sealConnectionSecrets(box, 'con_c', { signingSecret: 'whsec_x' }),
    });
    const audit = createAuditService(store);
    expect(await sealLegacyConnectionHeaders({ store, secretBox: box, audit, logger: quiet })).toBe(
      1,
    );
    expect((await store.connections.get('con_c')).settings).toEqual({
      url: 'https://hooks.example.com/in',
    });
    const sealed = await store.audit.list({ action: 'connection.headers_sealed' });
    expect(sealed.items).toEqual([]);
  });

  it('leaves a row its key cannot open exactly as it is', async () => {
    const store = createMemoryStore();
    const foreign = await store.connections.create(row('con_b', otherBox));
    const warnings: string[] = [];
    const logger = { ...quiet, warn: (message: string) => void warnings.push(message) };
    const deps = { store, secretBox: box, audit: createAuditService(store), logger };
    expect(await sealLegacyConnectionHeaders(deps)).toBe(0);
    expect(await store.connections.get('con_b')).toEqual(foreign);
    expect(warnings).toHaveLength(1);
  });
});
