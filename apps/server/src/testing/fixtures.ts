import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FlowInput, Task } from '@tandem/schema';

/*
 * Flows and a publish sink for server tests. The sink is a real HTTP server on 127.0.0.1 that
 * counts deliveries by Idempotency-Key, the way a careful receiver deduplicates.
 */

export interface Sink {
  url: string;
  /** Every delivery received, duplicates included. */
  deliveries: { key: string; body: string }[];
  /** Deliveries per idempotency key. */
  counts(): Map<string, number>;
  close(): Promise<void>;
}

export async function startSink(options: { delayMs?: number } = {}): Promise<Sink> {
  const deliveries: { key: string; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      deliveries.push({ key: String(req.headers['idempotency-key'] ?? ''), body });
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/publish`,
    deliveries,
    counts() {
      const counts = new Map<string, number>();
      for (const d of deliveries) counts.set(d.key, (counts.get(d.key) ?? 0) + 1);
      return counts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const at = (column: number) => ({ x: column * 280, y: 0 });

/** Brief → AI draft → reviewer checkpoint → webhook publish to `publishUrl`. */
export function reviewFlow(
  publishUrl: string,
  review: FlowInput['graph']['nodes'][number]['config'] = {},
  name = 'Review flow',
): FlowInput {
  return {
    name,
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
          config: { prompt: 'Write a short post about {{ input.topic }}.' },
        },
        { id: 'review', type: 'human.review', position: at(2), config: review },
        { id: 'publish', type: 'publish.webhook', position: at(3), config: { url: publishUrl } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'draft' },
        { id: 'e2', source: 'draft', target: 'review' },
        { id: 'e3', source: 'review', sourceHandle: 'approved', target: 'publish' },
      ],
    },
  };
}

/** An open, unclaimed review task for pushing straight through the realtime layer. */
export function openTask(overrides: Partial<Task> & { id: string }): Task {
  const now = new Date().toISOString();
  return {
    runId: 'run_1',
    flowId: 'flw_1',
    nodeId: 'review',
    stepId: 'stp_1',
    kind: 'blocking',
    status: 'open',
    title: 'Review the post',
    instructions: '',
    content: { text: 'Hello' },
    editable: true,
    flags: [],
    assignees: { roles: ['reviewer'], userIds: [] },
    requiredApprovals: 1,
    approvals: [],
    startedBy: null,
    separationOfDuties: false,
    round: 0,
    dueAt: null,
    escalatedAt: null,
    claimedBy: null,
    claimedAt: null,
    decision: null,
    createdAt: now,
    updatedAt: now,
    decidedAt: null,
    revision: 0,
    ...overrides,
  };
}
