import type { ErrorCode, ErrorIssue } from '@tandem/schema';

/** An error the API answered with (`{ error: { code, message, details } }`) or a network failure. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'NETWORK';
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode | 'NETWORK',
    message: string,
    status: number,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }

  /** Field-level problems (400 VALIDATION_FAILED, 422 FLOW_INVALID), empty when there are none. */
  get issues(): ErrorIssue[] {
    const raw = this.details.issues ?? this.details.problems;
    return Array.isArray(raw) ? (raw as ErrorIssue[]) : [];
  }
}

export function isApiError(error: unknown, code?: ApiError['code']): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

const TOKEN_KEY = 'tandem.token';

// The token lives in memory for speed and in sessionStorage so a reload keeps the session for
// this tab only; it never goes to localStorage, so closing the tab ends it.
let token: string | null = readStoredToken();
const unauthenticatedListeners = new Set<() => void>();
const sessionListeners = new Set<() => void>();

function readStoredToken(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return token;
}

export function setToken(next: string | null): void {
  const changed = next !== token;
  token = next;
  try {
    if (next) globalThis.sessionStorage?.setItem(TOKEN_KEY, next);
    else globalThis.sessionStorage?.removeItem(TOKEN_KEY);
  } catch {
    // Storage may be disabled (private mode); the in-memory token still works for this page.
  }
  if (changed) for (const listener of sessionListeners) listener();
}

/**
 * Called whenever the session changes (sign-in, sign-out, expiry): what a module keeps from
 * the last user's answers is not the next user's to see.
 */
export function onSessionChange(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Called whenever the server answers 401, so the app can send the user back to the login page. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Extra request headers, e.g. `If-Match` with the revision being replaced. */
  headers?: Record<string, string>;
  /**
   * Lets the request outlive the page (a claim handed back as the tab closes); nobody is left
   * to read the answer, and the browser caps such a body at 64 KiB.
   */
  keepalive?: boolean;
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

async function request<T>(
  method: string,
  path: string,
  body: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('NETWORK', 'Cannot reach the Tandem server. Check your connection.', 0);
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } })?.error;
    const apiError = new ApiError(
      (err?.code as ErrorCode | undefined) ?? 'INTERNAL',
      err?.message ?? `The server answered ${response.status}`,
      response.status,
      (err?.details as Record<string, unknown> | undefined) ?? {},
    );
    if (response.status === 401 && path !== '/api/auth/login') {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw apiError;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body, options),
  del: <T = void>(path: string, options?: RequestOptions) =>
    request<T>('DELETE', path, undefined, options),
};

/** Plain-words field path: ["graph","nodes",2,"config","prompt"] -> "graph › nodes #3 › config › prompt". */
export function describePath(path: readonly (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `#${p + 1}` : p)).join(' › ');
}
