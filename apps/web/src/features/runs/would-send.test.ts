import { describe, expect, it } from 'vitest';
import { requestPreview, wouldSendOf } from './would-send.js';

describe('wouldSendOf', () => {
  it('reads what a test run’s publish step would have sent', () => {
    const output = {
      status: null,
      externalId: null,
      test: true,
      wouldSend: { target: 'Slack · #launches', request: { method: 'POST', body: '{}' } },
    };
    expect(wouldSendOf(output)).toEqual({
      target: 'Slack · #launches',
      request: { method: 'POST', body: '{}' },
    });
  });

  it('is null for a real publish step and for anything that is not an output', () => {
    expect(wouldSendOf({ status: 200, externalId: 'x' })).toBeNull();
    expect(wouldSendOf({ wouldSend: { target: 'x', request: {} } })).toBeNull();
    expect(wouldSendOf('text')).toBeNull();
    expect(wouldSendOf(null)).toBeNull();
  });

  it('copes with a missing target or request', () => {
    expect(wouldSendOf({ test: true, wouldSend: {} })).toEqual({ target: '', request: {} });
  });
});

describe('requestPreview', () => {
  it('lists an email’s short fields and shows its HTML as source text', () => {
    const { fields, parts } = requestPreview({
      to: ['ann@example.com', 'bo@example.com'],
      cc: [],
      bcc: [],
      subject: 'Spring launch',
      html: '<p>Hello <script>alert(1)</script></p>',
      text: 'Hello',
    });
    expect(fields).toEqual([
      { label: 'To', value: 'ann@example.com, bo@example.com' },
      { label: 'Subject', value: 'Spring launch' },
    ]);
    expect(parts).toEqual([
      { label: 'HTML', kind: 'html', text: '<p>Hello <script>alert(1)</script></p>' },
      { label: 'Text', kind: 'text', text: 'Hello' },
    ]);
  });

  it('pretty-prints a JSON body sent as a string (Slack, webhooks)', () => {
    const { fields, parts } = requestPreview({
      method: 'POST',
      url: 'https://hooks.slack.com/services/***',
      body: '{"text":"Spring is here","blocks":[]}',
    });
    expect(fields.map((f) => f.label)).toEqual(['Method', 'Address']);
    expect(parts).toEqual([
      { label: 'Body', kind: 'json', text: '{\n  "text": "Spring is here",\n  "blocks": []\n}' },
    ]);
  });

  it('shows a structured body (WordPress) as pretty JSON, and leaves empty values out', () => {
    const { fields, parts } = requestPreview({
      method: 'POST',
      headers: {},
      body: { title: 'Spring', content: '<p>Hi</p>', status: 'draft' },
      note: null,
    });
    expect(fields).toEqual([{ label: 'Method', value: 'POST' }]);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.kind).toBe('json');
    expect(JSON.parse(parts[0]!.text)).toEqual({
      title: 'Spring',
      content: '<p>Hi</p>',
      status: 'draft',
    });
  });

  it('shows long or multi-line text as a block, not a field', () => {
    const long = 'word '.repeat(40).trim();
    const { fields, parts } = requestPreview({ summary: long, title: 'Line one\nline two' });
    expect(fields).toEqual([]);
    expect(parts.map((p) => [p.label, p.kind])).toEqual([
      ['Summary', 'text'],
      ['Title', 'text'],
    ]);
  });
});
