import { describe, expect, it } from 'vitest';
import { graphForReaders } from '../catalog.js';
import { maskAddress, maskAddressesInText, maskAddressFields } from './mask-address.js';

describe('maskAddress', () => {
  it('keeps scheme, host and the first path segment, and hides the rest', () => {
    expect(maskAddress('https://hooks.slack.com/services/T0/B0/XXXX')).toBe(
      'https://hooks.slack.com/services/…',
    );
    expect(maskAddress('https://x.example/hook?token=abc')).toBe('https://x.example/hook?…');
    expect(maskAddress('https://x.example/hook#abc')).toBe('https://x.example/hook?…');
    expect(maskAddress('https://user:pw@x.example:8443/in')).toBe('https://x.example:8443/in');
    expect(maskAddress('https://x.example')).toBe('https://x.example');
  });

  it('hides whole what is not an http(s) URL', () => {
    expect(maskAddress('hooks.slack.com/services/T0/B0/XXXX')).toBe('…');
    expect(maskAddress('ftp://x.example/secret')).toBe('…');
  });

  it('masks addresses inside text and under address keys only', () => {
    expect(maskAddressesInText('POST to https://x.example/a/b?token=abc failed.')).toBe(
      'POST to https://x.example/a/… failed.',
    );
    expect(
      maskAddressFields({
        target: 'https://x.example/a/secret',
        request: { url: 'https://x.example/a?token=s' },
        text: 'see https://x.example/a/b',
        channel: 'email to a@example.com',
      }),
    ).toEqual({
      target: 'https://x.example/a/…',
      request: { url: 'https://x.example/a?…' },
      text: 'see https://x.example/a/b',
      channel: 'email to a@example.com',
    });
  });
});

describe('a webhook step as readers see it', () => {
  it('has its address masked and credential headers hidden', () => {
    const graph = {
      nodes: [
        {
          type: 'publish.webhook',
          config: {
            url: 'https://hooks.slack.com/services/T0/B0/XXXX',
            headers: [{ name: 'Authorization', value: 'Bearer s3cret' }],
          },
        },
      ],
    };
    const shown = JSON.stringify(graphForReaders(graph));
    expect(shown).not.toContain('XXXX');
    expect(shown).not.toContain('s3cret');
    expect(shown).toContain('https://hooks.slack.com/services/…');
    expect(graph.nodes[0]!.config.url).toBe('https://hooks.slack.com/services/T0/B0/XXXX');
  });

  it('shows nothing of a draft whose headers or body are not in their expected shape', () => {
    const shown = JSON.stringify(
      graphForReaders({
        nodes: [
          {
            type: 'publish.webhook',
            config: {
              headers: [
                'X-Key: s3cret',
                { name: { text: 's3cret' }, value: 's3cret', s: 's3cret' },
              ],
              bodyTemplate: { api_key: 's3cret' },
            },
          },
          { type: 'publish.webhook', config: { headers: { 'X-Key': 's3cret' } } },
        ],
      }),
    );
    expect(shown).not.toContain('s3cret');
  });
});
