import { signWebhook } from '@tandem/connectors';
import type { Graph } from '@tandem/schema';
import type { TestServer } from '../testing/harness.js';

/** The signing secret of the webhook connection the test flows' triggers name. */
export const SECRET = `whsec_${Buffer.from('a-signing-secret-of-24by').toString('base64')}`;

/** `body` as a signed delivery (Standard Webhooks headers), for `server.request`. */
export function signed(body: unknown, options: { id?: string; at?: number; secret?: string } = {}) {
  const text = JSON.stringify(body);
  const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
  const at = options.at ?? Math.floor(Date.now() / 1000);
  return {
    body: text,
    raw: true,
    headers: {
      'webhook-id': id,
      'webhook-timestamp': String(at),
      'webhook-signature': signWebhook(id, at, text, [options.secret ?? SECRET]),
    },
  };
}

/** The webhook connection whose signing secret the trigger checks; its id. */
export async function addSigningConnection(on: TestServer, adminToken: string): Promise<string> {
  const connection = await on.request('POST', '/api/connections', {
    token: adminToken,
    body: {
      kind: 'webhook',
      name: 'Inbound CRM',
      settings: { url: 'https://crm.example.com/hooks' },
      secrets: { signingSecret: SECRET },
    },
  });
  return connection.body.id;
}

/** A flow started by a webhook trigger signed with `connectionId`'s secret (if any). */
export function hookFlowGraph(connectionId: string | undefined): Graph {
  return {
    nodes: [
      {
        id: 'start',
        type: 'trigger.webhook',
        position: { x: 0, y: 0 },
        config: {
          ...(connectionId ? { connectionId } : {}),
          fields: [{ name: 'topic', label: 'Topic', kind: 'text', required: true, options: [] }],
        },
      },
      { id: 'draft', type: 'ai.generate', position: { x: 280, y: 0 }, config: {} },
      { id: 'review', type: 'human.review', position: { x: 560, y: 0 }, config: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'draft' },
      { id: 'e2', source: 'draft', target: 'review' },
    ],
  };
}
