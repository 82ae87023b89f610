/*
 * The server side of the push benchmark: a real Tandem server (createApp, SQLite in a temp data
 * dir, demo seed) on 127.0.0.1, a local HTTP sink (its own process) for the flow's publish
 * step, and a small JSON client for the REST API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, loadConfig } from '@tandem/server';
import type { TandemApp } from '@tandem/server';
import { startSink } from '../engine/http-sink.js';

export interface Api {
  call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T>;
}

export interface BenchServer {
  app: TandemApp;
  url: string;
  sinkUrl: string;
  sinkDeliveries: () => Promise<number>;
  api: Api;
  close(): Promise<void>;
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

  // node:http with keep-alive rather than fetch: the client shares the server's event loop, and
  // fetch's stream machinery cost the loop several times what the request itself does, which
  // the decision timings then counted as the server's.
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const api: Api = {
    call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(payload));
      }
      return new Promise<T>((resolve, reject) => {
        const req = request(`${url}${path}`, { method, headers, agent, timeout: 60_000 }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              reject(new Error(`${method} ${path}: ${status} ${text.slice(0, 500)}`));
              return;
            }
            resolve((text ? JSON.parse(text) : null) as T);
          });
        });
        req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
        req.on('error', reject);
        req.end(payload);
      });
    },
  };

  return {
    app,
    url,
    sinkUrl: sink.url,
    sinkDeliveries: async () => (await sink.counts()).received,
    api,
    async close() {
      agent.destroy();
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
