import { describe, expect, it } from 'vitest';
import {
  publishEmailConfigSchema,
  publishSlackConfigSchema,
  publishWebhookConfigSchema,
  publishWordpressConfigSchema,
} from '@tandem/nodes';
import {
  EmailPublishConfigSchema,
  SlackPublishConfigSchema,
  WebhookPublishConfigSchema,
  WordPressPublishConfigSchema,
} from './publish-config.schema.js';

/*
 * The publish nodes own their config schemas; the connector re-reads the same config. Every
 * config the catalog accepts must be one the connector accepts, with the same meaning.
 */

describe('node catalog configs are accepted by the connectors', () => {
  it('webhook: URL or connection, method, header list', () => {
    const node = publishWebhookConfigSchema.parse({
      url: 'https://hooks.example.com/in',
      method: 'PUT',
      headers: [{ name: 'X-Api-Key', value: 'abc' }],
      bodyTemplate: '{"t": {{ content.text | json }}}',
    });
    expect(WebhookPublishConfigSchema.parse(node)).toEqual({
      url: 'https://hooks.example.com/in',
      method: 'PUT',
      headers: { 'X-Api-Key': 'abc' },
    });
    const viaConnection = publishWebhookConfigSchema.parse({ connectionId: 'c1' });
    expect(WebhookPublishConfigSchema.parse(viaConnection)).toMatchObject({
      connectionId: 'c1',
      method: 'POST',
    });
  });

  it('email: connection, recipients, format', () => {
    const node = publishEmailConfigSchema.parse({
      connectionId: 'smtp1',
      to: ['a@example.org'],
      format: 'text',
    });
    expect(EmailPublishConfigSchema.parse(node)).toMatchObject({
      connectionId: 'smtp1',
      to: ['a@example.org'],
      cc: [],
      format: 'text',
    });
  });

  it('slack: connection', () => {
    const node = publishSlackConfigSchema.parse({ connectionId: 'slack1' });
    expect(SlackPublishConfigSchema.parse(node)).toEqual({ connectionId: 'slack1' });
  });

  it('wordpress: connection, status, categories and tags by name', () => {
    const node = publishWordpressConfigSchema.parse({
      connectionId: 'wp1',
      status: 'publish',
      categories: ['News'],
      tags: ['spring', 'launch'],
    });
    expect(WordPressPublishConfigSchema.parse(node)).toEqual({
      connectionId: 'wp1',
      status: 'publish',
      categories: ['News'],
      tags: ['spring', 'launch'],
    });
  });
});
