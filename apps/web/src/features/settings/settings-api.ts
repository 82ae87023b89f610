import type { AuditEvent, BrandKit, BrandKitInput, Connection, User } from '@tandem/schema';
import { announceAiSetupChanged } from '../../api/ai-status.js';
import { api } from '../../api/client.js';
import { itemsOf } from '../inbox/inbox-api.js';
import { auditQuery, type AuditFilter } from './settings-view.js';

const enc = encodeURIComponent;

export const listUsers = async (): Promise<User[]> => itemsOf<User>(await api.get('/api/users'));

export const createUser = (input: {
  email: string;
  name: string;
  roles: string[];
  password: string;
}): Promise<User> => api.post<User>('/api/users', input);

export const getUser = (id: string): Promise<User> => api.get<User>(`/api/users/${enc(id)}`);

/** Changes a user from the revision the page read: another admin's change meanwhile is a 409. */
export const updateUser = (
  current: User,
  change: { roles?: string[]; disabled?: boolean; name?: string },
): Promise<User> =>
  api.patch<User>(`/api/users/${enc(current.id)}`, { ...change, revision: current.revision });

/** The workspace's brand kit: the first of `GET /api/brand-kits` (the seed creates one). */
export async function getBrandKit(): Promise<BrandKit | null> {
  return itemsOf<BrandKit>(await api.get<unknown>('/api/brand-kits'))[0] ?? null;
}

/** Updates the kit at the revision it was read at (a stale one is refused), or creates one. */
export const saveBrandKit = (current: BrandKit | null, input: BrandKitInput): Promise<BrandKit> =>
  current
    ? api.put<BrandKit>(`/api/brand-kits/${enc(current.id)}`, {
        ...input,
        revision: current.revision,
      })
    : api.post<BrandKit>('/api/brand-kits', input);

/** A connection as the API shows it: secrets never included, at most a hint of each. */
export type ConnectionView = Omit<Connection, 'secretsCiphertext'> & {
  /** Masked by the server ("••••••••wxyz", a URL's host only). */
  secrets?: Record<string, string>;
  /** Webhooks: custom header names, each value masked like a secret. */
  headers?: Record<string, string>;
};

export const listConnections = async (): Promise<ConnectionView[]> =>
  itemsOf<ConnectionView>(await api.get('/api/connections'));

export interface ConnectionChange {
  name: string;
  settings: Record<string, unknown>;
  /** Only the secrets typed in; the others keep their stored values. */
  secrets: Record<string, string>;
  /** Every header to keep; null keeps a stored value, a left-out header is removed. */
  headers?: Record<string, string | null>;
}

/** Any change may add or remove the LLM endpoint AI steps use: the offline banner re-checks. */
async function changingConnections<T>(change: Promise<T>): Promise<T> {
  const result = await change;
  announceAiSetupChanged();
  return result;
}

export const createConnection = (
  input: ConnectionChange & { kind: string },
): Promise<ConnectionView> =>
  changingConnections(api.post<ConnectionView>('/api/connections', input));

/** Saves at the revision the form was opened at, so a change made meanwhile is not overwritten. */
export const updateConnection = (
  current: ConnectionView,
  change: ConnectionChange,
): Promise<ConnectionView> =>
  changingConnections(
    api.put<ConnectionView>(`/api/connections/${enc(current.id)}`, {
      ...change,
      revision: current.revision,
    }),
  );

/** Enables a connection again (one is disabled when its receiver answers 410 Gone). */
export const enableConnection = (current: ConnectionView): Promise<ConnectionView> =>
  changingConnections(
    api.put<ConnectionView>(`/api/connections/${enc(current.id)}`, {
      disabled: false,
      revision: current.revision,
    }),
  );

export const deleteConnection = (id: string): Promise<void> =>
  changingConnections(api.del(`/api/connections/${enc(id)}`));

/** Where a connection is named: what its removal would break (GET /api/connections/:id/usage). */
export interface ConnectionUsage {
  flows: {
    flowId: string;
    flowName: string;
    draftSteps: string[];
    publishedSteps: string[];
    /** Runs under way whose own version names it. */
    openRuns: number;
  }[];
  reviewEmails: boolean;
}

export const connectionUsage = (id: string): Promise<ConnectionUsage> =>
  api.get<ConnectionUsage>(`/api/connections/${enc(id)}/usage`);

export interface ConnectionTest {
  ok: boolean;
  status?: number | null;
  message?: string;
  durationMs?: number;
}

export const testConnection = (id: string): Promise<ConnectionTest> =>
  api.post<ConnectionTest>(`/api/connections/${enc(id)}/test`);

/**
 * Tests an LLM endpoint's values before they are saved; nothing is stored. `connectionId`: the
 * endpoint being edited, whose stored key stands in for one left blank.
 */
export const testLlmDraft = (draft: {
  connectionId?: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}): Promise<ConnectionTest> => api.post<ConnectionTest>('/api/connections/llm-test', draft);

export interface AuditPage {
  items: AuditEvent[];
  nextCursor?: string;
}

export async function listAudit(filter: AuditFilter, cursor?: string): Promise<AuditPage> {
  const body = await api.get<unknown>(`/api/audit${auditQuery(filter, cursor)}`);
  return { items: itemsOf<AuditEvent>(body), nextCursor: (body as AuditPage).nextCursor };
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  brokenAt?: number;
}

export const verifyAudit = (): Promise<AuditVerification> =>
  api.get<AuditVerification>('/api/audit/verify');
