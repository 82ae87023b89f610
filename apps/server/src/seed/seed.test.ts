import { describe, expect, it } from 'vitest';
import { flowTemplates } from '@tandem/nodes';
import { startTestServer } from '../testing/harness.js';

describe('seeding an empty store', () => {
  it('adds demo users, the brand kit and the template flows, published unless they need a connection', async () => {
    const server = await startTestServer();
    try {
      const token = await server.login('designer@example.com');
      const flows = await server.request('GET', '/api/flows', { token });
      expect(flows.body.items.map((f: { name: string }) => f.name).sort()).toEqual(
        flowTemplates.map((t) => t.name).sort(),
      );
      // Slack and email steps send through a saved connection: those flows wait as drafts,
      // saying what to pick.
      const needsConnection = (f: { graph: { nodes: { type: string }[] } }) =>
        f.graph.nodes.some((n) => n.type === 'publish.slack' || n.type === 'publish.email');
      const items: { publishedVersion: number | null; graph: { nodes: { type: string }[] } }[] =
        flows.body.items;
      expect(items.filter(needsConnection).length).toBeGreaterThan(0);
      for (const flow of items) {
        expect(flow.publishedVersion).toBe(needsConnection(flow) ? null : 1);
      }
      expect(await server.app.store.brandKits.list()).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('seeds nothing with TANDEM_SEED=none except a configured first admin', async () => {
    const server = await startTestServer({
      env: {
        TANDEM_SEED: 'none',
        TANDEM_ADMIN_EMAIL: 'first@corp.example',
        TANDEM_ADMIN_PASSWORD: 'long-enough-password',
      },
    });
    try {
      expect((await server.app.store.users.list()).map((u) => u.email)).toEqual([
        'first@corp.example',
      ]);
      expect((await server.app.store.flows.list()).items).toEqual([]);
      expect(await server.app.store.brandKits.list()).toEqual([]);
      const demo = await server.request('GET', '/api/auth/demo');
      expect(demo.body.enabled).toBe(false);
    } finally {
      await server.close();
    }
  });
});
