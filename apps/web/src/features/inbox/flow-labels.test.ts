import { describe, expect, it } from 'vitest';
import { flowLabels } from './flow-labels.js';

const utc = { locale: 'en-GB', timeZone: 'UTC' };

describe('flowLabels', () => {
  it('tells apart two flows of one name by when each was created, and leaves the rest alone', () => {
    const labels = flowLabels(
      [
        { id: 'flw_a', name: 'Blog post', createdAt: '2026-11-03T14:05:00.000Z' },
        { id: 'flw_b', name: 'Blog post', createdAt: '2026-11-20T09:30:00.000Z' },
        { id: 'flw_c', name: 'Newsletter', createdAt: '2026-11-03T14:05:00.000Z' },
      ],
      utc,
    );
    expect(labels.get('flw_a')).toBe('Blog post (created 3 Nov, 14:05)');
    expect(labels.get('flw_b')).toBe('Blog post (created 20 Nov, 09:30)');
    expect(labels.get('flw_c')).toBe('Newsletter');
  });

  it('adds the end of the id when the same name was created in the same minute', () => {
    const at = '2026-11-03T14:05:00.000Z';
    const labels = flowLabels(
      [
        { id: 'flw_0001aa', name: 'Ads', createdAt: at },
        { id: 'flw_0002bb', name: 'ads ', createdAt: at },
      ],
      utc,
    );
    expect(labels.get('flw_0001aa')).toBe('Ads (created 3 Nov, 14:05, 0001aa)');
    expect(labels.get('flw_0002bb')).toBe('ads (created 3 Nov, 14:05, 0002bb)');
  });
});
