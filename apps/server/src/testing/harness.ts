import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectSocket } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { createApp } from '../app.js';
import type { AppOverrides, TandemApp } from '../app.js';
import { loadConfig } from '../config/config.js';

/*
 * Starts a real server on a free port with a temporary data directory, and talks to it over
 * real HTTP (fetch) and real socket.io clients. Tests only: nothing in the product imports it.
 */

// Test assertions dig into response bodies freely; a loose type keeps them readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export interface ApiResponse<T = Loose> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sends `body` as-is (a string) instead of JSON. */
  raw?: boolean;
}

export interface TestServer {
  app: TandemApp;
  url: string;
  dataDir: string;
  request<T = Loose>(
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<ApiResponse<T>>;
  login(email: string, password?: string): Promise<string>;
  /** Tokens of the four demo users, logged in once. */
  tokens(): Promise<Record<'admin' | 'designer' | 'reviewer' | 'manager', string>>;
  socket(auth?: { token?: string }, extra?: Record<string, unknown>): Socket;
  close(): Promise<void>;
}

export async function startTestServer(
  options: { env?: Record<string, string>; overrides?: AppOverrides } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-server-test-'));
  const config = loadConfig({
    PORT: '0',
    TANDEM_DATA_DIR: dataDir,
    NODE_ENV: 'test',
    TANDEM_LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = await createApp(config, { webDistDir: null, ...options.overrides });
  const url = `http://127.0.0.1:${app.port}`;
  const sockets: Socket[] = [];
  let cachedTokens: Record<'admin' | 'designer' | 'reviewer' | 'manager', string> | undefined;

  const request: TestServer['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = opts.raw ? String(opts.body) : JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Non-JSON bodies (HTML, empty) are returned as text.
    }
    return { status: res.status, body: parsed as never, headers: res.headers };
  };

  const login = async (email: string, password = 'tandem') => {
    const res = await request('POST', '/api/auth/login', { body: { email, password } });
    if (res.status !== 200)
      throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { token: string }).token;
  };

  return {
    app,
    url,
    dataDir,
    request,
    login,
    async tokens() {
      if (!cachedTokens) {
        const [admin, designer, reviewer, manager] = await Promise.all(
          ['admin', 'designer', 'reviewer', 'manager'].map((r) => login(`${r}@example.com`)),
        );
        cachedTokens = {
          admin: admin!,
          designer: designer!,
          reviewer: reviewer!,
          manager: manager!,
        };
      }
      return cachedTokens;
    },
    socket(auth = {}, extra = {}) {
      const socket = connectSocket(url, {
        auth,
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        ...extra,
      });
      sockets.push(socket);
      return socket;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the next `event` on the socket, or rejects after `ms`. */
export function nextEvent<T = Loose>(socket: Socket, event: string, ms = 2000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Polls `probe` every 50 ms until it returns a value; fails after `ms`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first task a run opened, as `token` sees it, once the run has reached its checkpoint. */
export function firstTaskOfRun(server: TestServer, token: string, runId: string): Promise<Loose> {
  return waitFor(async () => {
    const res = await server.request('GET', `/api/tasks?runId=${runId}`, { token });
    return res.body.items[0];
  });
}

/** Saves `flow` as the designer and publishes it; returns its id. Fails loudly if either is refused. */
export async function publishFlow(
  server: TestServer,
  token: string,
  flow: unknown,
): Promise<string> {
  const created = await server.request('POST', '/api/flows', { token, body: flow });
  if (created.status !== 201) throw new Error(`Saving the flow: ${created.status}`);
  const id = created.body.id as string;
  const published = await server.request('POST', `/api/flows/${id}/publish`, { token });
  if (published.status !== 201) throw new Error(`Publishing the flow: ${published.status}`);
  return id;
}
