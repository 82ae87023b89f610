import { describe, expect, it } from 'vitest';
import type { InputField } from '../trigger-manual/input-fields.js';
import {
  WEBHOOK_ROUTE,
  webhookCurlExample,
  webhookPath,
  webhookSampleBody,
} from './webhook-address.js';

const field = (name: string, kind: InputField['kind'], options: string[] = []): InputField => ({
  name,
  label: name[0]!.toUpperCase() + name.slice(1),
  kind,
  required: true,
  options,
});

describe('webhook address', () => {
  it("puts the flow's id where the route takes it", () => {
    expect(WEBHOOK_ROUTE).toBe('/api/hooks/:flowId');
    expect(webhookPath('flw_abc123')).toBe('/api/hooks/flw_abc123');
  });

  it('gives every expected field a value of its kind, and {} when none is expected', () => {
    expect(webhookSampleBody([])).toBe('{}');
    expect(
      JSON.parse(
        webhookSampleBody([
          field('topic', 'text'),
          field('budget', 'number'),
          field('page', 'url'),
          field('channel', 'select', ['LinkedIn', 'Blog']),
        ]),
      ),
    ).toEqual({
      topic: 'Example topic',
      budget: 1,
      page: 'https://example.com/page',
      channel: 'LinkedIn',
    });
  });

  it('reads the secret from the environment and names the connection that holds it', () => {
    const script = webhookCurlExample({
      url: 'https://tandem.example.com/api/hooks/flw_1',
      connectionName: 'Inbound CRM',
      fields: [field('topic', 'text')],
    });
    expect(script).toContain('signing secret (whsec_...) of the connection "Inbound CRM"');
    expect(script).toContain('${TANDEM_WEBHOOK_SECRET:?');
    expect(script).toContain("curl -sS -X POST 'https://tandem.example.com/api/hooks/flw_1'");
    expect(script).toContain('-H "webhook-signature: v1,$SIG"');
    expect(script).toContain(`BODY='{"topic":"Example topic"}'`);
  });

  it("keeps a single quote in a sample value inside the shell's quotes", () => {
    const script = webhookCurlExample({
      url: 'https://x.example/api/hooks/f',
      connectionName: null,
      fields: [{ ...field('who', 'select', ["O'Brien"]) }],
    });
    expect(script).toContain(`BODY='{"who":"O'\\''Brien"}'`);
    expect(script).toContain('of its signing connection');
  });
});
