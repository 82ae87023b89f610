import { describe, expect, it } from 'vitest';
import type { Publication } from '@tandem/schema';
import { eventForClients } from '../realtime/push.js';
import { publicationForReaders } from './publication-view.js';

const failedBeforeAnswer: Publication = {
  id: 'pub_1',
  key: 'run_1:post',
  runId: 'run_1',
  flowId: 'flw_1',
  nodeId: 'post',
  channel: 'webhook',
  status: 'dead',
  contentHash: 'abc',
  request: {
    content: { text: 'See https://shop.example/sale?utm_source=x' },
    config: { url: 'https://user:pw@hooks.example/in?token=s3cret#frag', method: 'POST' },
  },
  target: '',
  attempts: [],
  externalId: null,
  error: 'The webhook receiver answered 503',
  createdAt: '2026-11-26T20:00:00.000Z',
  updatedAt: '2026-11-26T20:00:00.000Z',
  revision: 1,
};

describe('publicationForReaders', () => {
  it('sends addresses without credentials or query, and names where a failed one was going', () => {
    const view = publicationForReaders(failedBeforeAnswer);
    expect(JSON.stringify(view)).not.toMatch(/s3cret|user:pw|frag/);
    expect(view.target).toBe('https://hooks.example/in?…');
    expect(view.request).toMatchObject({ config: { url: 'https://hooks.example/in?…' } });
    // The content is what was published, links and all: not an address to scrub.
    expect(view.request).toMatchObject({
      content: { text: 'See https://shop.example/sale?utm_source=x' },
    });
  });

  it('cuts an address whose path is its token (a Slack hook) after the first segment', () => {
    const hook = 'https://hooks.slack.com/services/T0/B0/XXXX';
    const view = publicationForReaders({
      ...failedBeforeAnswer,
      request: { content: { text: 'Hi' }, config: { url: hook } },
      target: hook,
      error: `POST ${hook} answered 404`,
      attempts: [
        {
          at: failedBeforeAnswer.createdAt,
          status: 404,
          durationMs: 5,
          error: `POST ${hook} answered 404`,
          responseExcerpt: null,
        },
      ],
    });
    expect(JSON.stringify(view)).not.toContain('XXXX');
    expect(view.target).toBe('https://hooks.slack.com/services/…');
  });

  it('scrubs the publication in a pushed event too', () => {
    const event = eventForClients({ type: 'publication.updated', publication: failedBeforeAnswer });
    expect(JSON.stringify(event)).not.toContain('s3cret');
  });
});
