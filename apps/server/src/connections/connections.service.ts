import { z } from 'zod';
import {
  ConnectionKindSchema,
  IdSchema,
  NameInputSchema,
  SafeJsonSchema,
  validationError,
} from '@tandem/schema';
import type {
  AuditAction,
  Connection,
  ConnectionDirectoryEntry,
  StorePort,
  User,
} from '@tandem/schema';
import type { Clock } from '@tandem/nodes';
import {
  isMaskedSecret,
  maskHeaders,
  maskSecrets,
  openConnection,
  sealConnectionSecrets,
  sealedHeaders,
  testConnection,
} from '@tandem/connectors';
import type { ConnectionTestResult, PublisherOptions, SecretBox } from '@tandem/connectors';
import type { AuditService } from '../audit/audit.service.js';
import { newId } from '../ids.js';
import { connectionUsage, type ConnectionUsage } from './connection-usage.js';
import {
  HeadersInputSchema,
  headersKeptFor,
  mergeHeaders,
  splitHeadersFromSettings,
} from './connection-headers.js';
import {
  assertHostSecretsReentered,
  assertKnownKeys,
  assertLlmEndpointUsable,
  validateConnection,
} from './connection-kinds.js';

// Depth and size checked in one walk: z.json() recursed per level and overflowed the stack.
const Settings = z.record(z.string().max(64), SafeJsonSchema);
/** A secret value; null in an update removes it, an absent key keeps the stored one. */
const Secrets = z
  .record(z.string().max(64), z.string().max(2_000).nullable())
  .refine((s) => !('headers' in s), { path: ['headers'], message: 'Send headers as `headers`' });

/** Secrets in the masked form the API shows (sent back unchanged), by name. */
const maskedNames = (secrets: Record<string, string | null> | undefined): string[] =>
  Object.entries(secrets ?? {})
    .filter(([, value]) => typeof value === 'string' && isMaskedSecret(value))
    .map(([name]) => name);

export const ConnectionCreateSchema = z.strictObject({
  kind: ConnectionKindSchema,
  name: NameInputSchema,
  settings: Settings.default({}),
  // A new connection has no stored value for a masked one to stand for.
  secrets: Secrets.default({}).superRefine((secrets, ctx) => {
    for (const name of maskedNames(secrets)) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'Enter the value, not its mask' });
    }
  }),
  headers: HeadersInputSchema.optional(),
});
export const ConnectionUpdateSchema = z.strictObject({
  name: NameInputSchema.optional(),
  settings: Settings.optional(),
  secrets: Secrets.optional(),
  headers: HeadersInputSchema.optional(),
  disabled: z.boolean().optional(),
  revision: z.number().int().min(0).optional(),
});
/**
 * An LLM endpoint as the form holds it, before it is saved: tested first, so a wrong address or
 * key is caught before AI steps start using it. `connectionId`: the endpoint being edited, whose
 * stored key stands in for one left blank.
 */
export const LlmDraftTestSchema = z.strictObject({
  connectionId: IdSchema.optional(),
  settings: Settings.default({}),
  secrets: Secrets.default({}),
});

/** What the API shows: secrets masked, the ciphertext never. */
export interface ConnectionView {
  id: string;
  kind: Connection['kind'];
  name: string;
  settings: Connection['settings'];
  secrets: Record<string, string>;
  /** Webhooks: every custom header by name, its value masked like a secret. */
  headers?: Record<string, string>;
  disabled: boolean;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
  revision: number;
}

export interface ConnectionsService {
  list(): Promise<ConnectionView[]>;
  /** Id, name and kind of every connection, for the editor's picker; never settings or secrets. */
  directory(): Promise<ConnectionDirectoryEntry[]>;
  get(id: string): Promise<ConnectionView>;
  create(actor: User, input: z.output<typeof ConnectionCreateSchema>): Promise<ConnectionView>;
  update(
    actor: User,
    id: string,
    input: z.output<typeof ConnectionUpdateSchema>,
  ): Promise<ConnectionView>;
  remove(actor: User, id: string): Promise<void>;
  /** What names the connection (flows' steps, review emails): what its removal would break. */
  usage(id: string): Promise<ConnectionUsage>;
  test(actor: User, id: string): Promise<ConnectionTestResult>;
  /** Tests an LLM endpoint's unsaved values with the client AI steps use; nothing is stored. */
  testLlmDraft(
    actor: User,
    input: z.output<typeof LlmDraftTestSchema>,
  ): Promise<ConnectionTestResult>;
  /** The publisher reports a target that answered 410 Gone. */
  disable(id: string, reason: string): Promise<void>;
}

const dropNulls = (secrets: Record<string, string | null>) =>
  Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== null && v !== ''));

/** The flat secrets, without the header record sealed beside them. */
function flatSecrets(secrets: Record<string, unknown>): Record<string, string> {
  const { headers: _headers, ...flat } = secrets;
  return flat as Record<string, string>;
}

/** The secrets to seal: the flat ones plus the headers, when there are any. */
const withHeaders = (secrets: Record<string, unknown>, headers: Record<string, string>) =>
  Object.keys(headers).length > 0 ? { ...secrets, headers } : secrets;

export function createConnectionsService(deps: {
  store: StorePort;
  clock: Clock;
  audit: AuditService;
  secretBox: SecretBox;
  allowPrivateNetwork: boolean;
  publisherOptions: PublisherOptions;
  /** Told after every change, so what caches connections can forget them. */
  onChanged?: () => void;
  /** Tests an LLM endpoint with the client AI steps use (publish connections test themselves). */
  testLlmEndpoint?: (connection: Connection) => Promise<ConnectionTestResult>;
}): ConnectionsService {
  const { store, clock, audit, secretBox } = deps;

  // Opened, so a connection saved with plain-text headers shows them as sealed ones: masked.
  const view = (c: Connection): ConnectionView => {
    const opened = openConnection(secretBox, c);
    return {
      id: c.id,
      kind: c.kind,
      name: c.name,
      settings: opened.settings as Connection['settings'],
      secrets: maskSecrets(flatSecrets(opened.secrets)),
      ...(c.kind === 'webhook' ? { headers: maskHeaders(opened.secrets) } : {}),
      disabled: c.disabled,
      disabledReason: c.disabledReason,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      revision: c.revision,
    };
  };

  const record = (actor: User | null, action: AuditAction, c: Connection, details = {}) => {
    deps.onChanged?.();
    return audit.record({
      actorId: actor?.id ?? null,
      action,
      subjectType: 'connection',
      subjectId: c.id,
      details: { kind: c.kind, name: c.name, ...details },
    });
  };

  return {
    list: async () => (await store.connections.list()).map(view),
    // Built field by field, so a field added to connections later is not shown by default.
    directory: async () =>
      (await store.connections.list())
        .map((c) => ({ id: c.id, name: c.name, kind: c.kind, disabled: c.disabled }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    get: async (id) => view(await store.connections.get(id)),

    async create(actor, input) {
      const given = splitHeadersFromSettings(input.kind, input.settings, input.headers);
      assertKnownKeys(input.kind, { settings: given.settings, secrets: input.secrets });
      const headers = mergeHeaders(input.kind, {}, given.headers);
      const valid = validateConnection(
        input.kind,
        given.settings,
        withHeaders(dropNulls(input.secrets), headers),
        deps.allowPrivateNetwork,
      );
      assertLlmEndpointUsable(input.kind, valid);
      const id = newId('con');
      const now = clock.now().toISOString();
      const created = await store.connections.create({
        id,
        kind: input.kind,
        name: input.name,
        settings: valid.settings as Connection['settings'],
        secretsCiphertext: sealConnectionSecrets(secretBox, id, valid.secrets),
        disabled: false,
        disabledReason: null,
        createdAt: now,
        updatedAt: now,
        revision: 0,
      });
      await record(actor, 'connection.created', created, {
        secrets: Object.keys(flatSecrets(valid.secrets)),
        headers: Object.keys(headers),
      });
      return view(created);
    },

    async update(actor, id, input) {
      const current = await store.connections.get(id);
      // Opened, so plain-text headers of a connection saved before they were sealed move in.
      const stored = openConnection(secretBox, current);
      const given = splitHeadersFromSettings(current.kind, input.settings, input.headers);
      assertKnownKeys(
        current.kind,
        { settings: given.settings, secrets: input.secrets },
        { settings: stored.settings, secrets: flatSecrets(stored.secrets) },
      );
      const { kept, missing } = headersKeptFor(
        { settings: stored.settings, headers: sealedHeaders(stored.secrets) },
        given.settings,
        given.headers,
      );
      const headers = mergeHeaders(current.kind, kept, given.headers, missing);
      // A secret sent back in its masked form (a client saving what it read) keeps its value.
      const givenSecrets = { ...input.secrets };
      for (const name of maskedNames(givenSecrets)) delete givenSecrets[name];
      const merged = dropNulls({ ...flatSecrets(stored.secrets), ...givenSecrets });
      const valid = validateConnection(
        current.kind,
        given.settings ?? stored.settings,
        withHeaders(merged, headers),
        deps.allowPrivateNetwork,
      );
      assertHostSecretsReentered(current.kind, stored, valid, givenSecrets);
      const disabled = input.disabled ?? current.disabled;
      if (!disabled) assertLlmEndpointUsable(current.kind, valid);
      const updated = await store.connections.update({
        ...current,
        revision: input.revision ?? current.revision,
        name: input.name ?? current.name,
        settings: valid.settings as Connection['settings'],
        secretsCiphertext: sealConnectionSecrets(secretBox, id, valid.secrets),
        disabled,
        disabledReason: disabled ? current.disabledReason : null,
        updatedAt: clock.now().toISOString(),
      });
      await record(actor, 'connection.updated', updated, {
        changed: [
          ...(input.name ? ['name'] : []),
          ...(input.settings ? ['settings'] : []),
          ...Object.keys(givenSecrets).map((k) => `secrets.${k}`),
          ...(given.headers !== undefined ? ['headers'] : []),
          ...(input.disabled !== undefined ? ['disabled'] : []),
        ],
      });
      return view(updated);
    },

    async remove(actor, id) {
      const current = await store.connections.get(id);
      await store.connections.delete(id);
      await record(actor, 'connection.deleted', current);
    },

    async usage(id) {
      await store.connections.get(id);
      return connectionUsage(store, id);
    },

    async test(actor, id) {
      const current = await store.connections.get(id);
      const result =
        current.kind === 'llm' && deps.testLlmEndpoint
          ? await deps.testLlmEndpoint(current)
          : await testConnection(openConnection(secretBox, current), deps.publisherOptions);
      await record(actor, 'connection.tested', current, { ok: result.ok, status: result.status });
      return result;
    },

    async testLlmDraft(actor, input) {
      const current = input.connectionId ? await store.connections.get(input.connectionId) : null;
      if (current && current.kind !== 'llm') {
        throw validationError(
          [{ path: ['connectionId'], message: 'Not an LLM endpoint' }],
          'Only an LLM endpoint is tested before it is saved',
        );
      }
      const stored = current
        ? openConnection(secretBox, current)
        : { settings: {}, secrets: {} as Record<string, unknown> };
      assertKnownKeys('llm', input, { settings: stored.settings, secrets: stored.secrets });
      const givenSecrets = { ...input.secrets };
      for (const name of maskedNames(givenSecrets)) delete givenSecrets[name];
      const merged = dropNulls({ ...flatSecrets(stored.secrets), ...givenSecrets });
      const valid = validateConnection('llm', input.settings, merged, deps.allowPrivateNetwork);
      // The stored key is never sent to an address on another host than the one it was given for.
      if (current) assertHostSecretsReentered('llm', stored, valid, givenSecrets);
      assertLlmEndpointUsable('llm', valid);
      if (!deps.testLlmEndpoint)
        return { ok: true, status: null, durationMs: 0, message: 'Not tested' };
      // A fresh id: the LLM client caches one per connection id, and this is not the saved one.
      const id = newId('con');
      const now = clock.now().toISOString();
      const result = await deps.testLlmEndpoint({
        id,
        kind: 'llm',
        name: current?.name ?? 'New LLM endpoint',
        settings: valid.settings as Connection['settings'],
        secretsCiphertext: sealConnectionSecrets(secretBox, id, valid.secrets),
        disabled: false,
        disabledReason: null,
        createdAt: now,
        updatedAt: now,
        revision: 0,
      });
      if (current) {
        await record(actor, 'connection.tested', current, {
          ok: result.ok,
          status: result.status,
          unsaved: true,
        });
      }
      return result;
    },

    async disable(id, reason) {
      const current = await store.connections.get(id);
      if (current.disabled) return;
      const updated = await store.connections.update({
        ...current,
        disabled: true,
        disabledReason: reason.slice(0, 2_000),
        updatedAt: clock.now().toISOString(),
      });
      await record(null, 'connection.disabled', updated, { reason: updated.disabledReason });
    },
  };
}
