import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { BulkTally } from './bulk-tally.js';

const refusal = (
  code: ConstructorParameters<typeof ApiError>[0],
  message: string,
  details: Record<string, unknown> = {},
) => new ApiError(code, message, code === 'VALIDATION_FAILED' ? 400 : 409, details);

describe('BulkTally', () => {
  it('counts tasks taken or edited meanwhile as skipped, and says why the rest failed', () => {
    const tally = new BulkTally();
    tally.sent();
    tally.sent();
    tally.refused(refusal('TASK_CLAIMED', 'Someone else is reviewing this task right now'));
    tally.refused(
      refusal('VALIDATION_FAILED', 'Invalid', {
        issues: [{ path: ['revision'], message: 'Required here: another reviewer edited this' }],
      }),
    );
    expect(tally.summary).toEqual({
      message:
        'Approved 2, 1 skipped (taken by someone else), 1 skipped (edited by another reviewer: open to read the edit)',
      tone: 'success',
    });
    tally.refused(refusal('INTERNAL', 'The store is not answering'));
    tally.refused(refusal('INTERNAL', 'Another reason'));
    expect(tally.summary.message).toContain('2 failed: The store is not answering');
    expect(tally.summary.tone).toBe('error');
    expect(tally.anyLeft).toBe(true);
  });

  it('is all good when every task was approved', () => {
    const tally = new BulkTally();
    tally.sent();
    expect(tally.summary).toEqual({ message: 'Approved 1', tone: 'success' });
    expect(tally.anyLeft).toBe(false);
  });
});
