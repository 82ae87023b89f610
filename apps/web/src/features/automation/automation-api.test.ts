import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client.js';
import { flowLabels } from '../inbox/flow-labels.js';
import { listAutomationFlows, listFeedback, TREND_DECISIONS } from './automation-api.js';

afterEach(() => vi.restoreAllMocks());

describe('listFeedback', () => {
  it('asks for one page of the newest decisions and says whether older ones were left out', async () => {
    const get = vi
      .spyOn(api, 'get')
      .mockResolvedValueOnce({ items: [{ id: 'fb_1' }], nextCursor: 'c1' })
      .mockResolvedValueOnce({ items: [{ id: 'fb_1' }] });
    expect(await listFeedback('flw_1', 'review')).toEqual({
      items: [{ id: 'fb_1' }],
      capped: true,
    });
    expect(await listFeedback('flw_1', 'review')).toEqual({
      items: [{ id: 'fb_1' }],
      capped: false,
    });
    expect(get).toHaveBeenCalledWith('/api/feedback', {
      query: { flowId: 'flw_1', nodeId: 'review', limit: TREND_DECISIONS },
      signal: undefined,
    });
  });
});

describe('listAutomationFlows', () => {
  it('keeps when each flow was created, so two of one name can be told apart in the picker', async () => {
    const flow = (id: string, createdAt: string) => ({
      id,
      name: 'Blog post',
      createdAt,
      publishedVersion: 1,
      graph: { nodes: [], edges: [] },
    });
    vi.spyOn(api, 'get').mockResolvedValueOnce({
      items: [flow('flw_a', '2026-11-03T14:05:00.000Z'), flow('flw_b', '2026-11-20T09:30:00.000Z')],
    });
    const labels = flowLabels(await listAutomationFlows(), { locale: 'en-GB', timeZone: 'UTC' });
    expect([...labels.values()]).toEqual([
      'Blog post (created 3 Nov, 14:05)',
      'Blog post (created 20 Nov, 09:30)',
    ]);
  });
});
