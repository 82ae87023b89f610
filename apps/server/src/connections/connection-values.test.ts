import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

/* Values that cannot be right are refused when saved, in words an admin acts on. */

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
});
afterAll(() => server.close());

const create = (body: Record<string, unknown>) =>
  server.request('POST', '/api/connections', { token: t.admin, body });

describe('connection values', () => {
  it("refuses a Slack connection whose URL is not Slack's incoming webhook", async () => {
    for (const webhookUrl of [
      'https://example.com/hook',
      'https://myteam.slack.com/archives/C123',
      'http://hooks.slack.com/services/T0/B0/X',
    ]) {
      const res = await create({ kind: 'slack', name: 'Team', secrets: { webhookUrl } });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues).toEqual([
        {
          path: ['secrets', 'webhookUrl'],
          message: expect.stringContaining('https://hooks.slack.com/'),
        },
      ]);
    }
    const ok = await create({
      kind: 'slack',
      name: 'Team',
      secrets: { webhookUrl: 'https://hooks.slack.com/services/T0/B0/XXXX' },
    });
    expect(ok.status).toBe(201);
  });

  it('says what a webhook signing secret looks like without talking of base64 bytes', async () => {
    const res = await create({
      kind: 'webhook',
      name: 'Hook',
      settings: { url: 'https://example.com/hook' },
      secrets: { signingSecret: 'whsec_short' },
    });
    expect(res.status).toBe(400);
    const [issue] = res.body.error.details.issues;
    expect(issue.path).toEqual(['secrets', 'signingSecret']);
    expect(issue.message).toContain('at least 22');
    expect(issue.message).toContain('leave it empty');
    expect(issue.message).not.toContain('bytes');
  });
});
