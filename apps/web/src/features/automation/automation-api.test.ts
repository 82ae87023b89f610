import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client.js';
import { listFeedback, TREND_DECISIONS } from './automation-api.js';

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
