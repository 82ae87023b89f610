/*
 * The server side of the push benchmark: a real Tandem server (createApp, SQLite in a temp data
 * dir, demo seed) on 127.0.0.1, a local HTTP sink for the flow's publish step, and a small JSON
 * client for the REST API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, loadConfig } from '@tandem/server';
import type { TandemApp } from '@tandem/server';

export interface Api {
  call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T>;
}

export interface BenchServer {
  app: TandemApp;
  url: string;
  sinkUrl: string;
  sinkDeliveries: () => number;
  api: Api;
  close(): Promise<void>;
}

async function startSink(): Promise<{
  url: string;
  deliveries: () => number;
  close(): Promise<void>;
}> {
  let deliveries = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      deliveries += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/publish`,
    deliveries: () => deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startBenchServer(): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-push-'));
  const sink = await startSink();
  const config = loadConfig({
    PORT: '0',
    TANDEM_DATA_DIR: dataDir,
    TANDEM_SEED: 'demo',
    TANDEM_ALLOW_PRIVATE_NETWORK: 'true',
    NODE_ENV: 'development',
    TANDEM_LOG_LEVEL: 'warn',
  });
  let app: TandemApp;
  try {
    app = await createApp(config, { webDistDir: null });
  } catch (error) {
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const url = `http://127.0.0.1:${app.port}`;

  const api: Api = {
    async call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
      return (text ? JSON.parse(text) : null) as T;
    },
  };

  return {
    app,
    url,
    sinkUrl: sink.url,
    sinkDeliveries: sink.deliveries,
    api,
    async close() {
      await app.close();
      await sink.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const at = (column: number) => ({ x: column * 280, y: 0 });

/**
 * The demo blog template's shape with a local publish target: brief → AI draft (offline LLM)
 * → brand check → reviewer checkpoint (review_all, role reviewer) → webhook publish.
 */
export function reviewFlow(publishUrl: string) {
  return {
    name: 'Push benchmark: blog post with review',
    graph: {
      nodes: [
        {
          id: 'start',
          type: 'trigger.manual',
          position: at(0),
          config: {
            fields: [{ name: 'topic', label: 'Topic', kind: 'text', required: true, options: [] }],
          },
        },
        {
          id: 'draft',
          type: 'ai.generate',
          position: at(1),
          config: { prompt: 'Write a short blog post about {{ input.topic }}.' },
        },
        { id: 'brand_check', type: 'check.brand', position: at(2), config: {} },
        {
          id: 'review',
          type: 'human.review',
          position: at(3),
          config: {
            title: 'Review: {{ input.topic }}',
            assigneeRoles: ['reviewer'],
            defaultLevel: 'review_all',
          },
        },
        { id: 'publish', type: 'publish.webhook', position: at(4), config: { url: publishUrl } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'draft' },
        { id: 'e2', source: 'draft', target: 'brand_check' },
        { id: 'e3', source: 'brand_check', target: 'review' },
        { id: 'e4', source: 'review', sourceHandle: 'approved', target: 'publish' },
      ],
    },
  };
}
