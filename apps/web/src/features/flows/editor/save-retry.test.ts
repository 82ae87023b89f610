import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client.js';
import { saveFailureReason, saveRetryDelay } from './save-retry.js';

const offline = new ApiError('NETWORK', 'Cannot reach the Tandem server.', 0);

describe('saveRetryDelay', () => {
  it('tries again on its own while the server is unreachable, waiting longer each time', () => {
    expect(saveRetryDelay(offline, 1)).toBe(2_000);
    expect(saveRetryDelay(offline, 2)).toBe(4_000);
    expect(saveRetryDelay(offline, 3)).toBe(8_000);
    expect(saveRetryDelay(offline, 20)).toBe(30_000);
  });

  it('tries again after a server error (a restart, an overloaded store)', () => {
    expect(saveRetryDelay(new ApiError('INTERNAL', 'boom', 503), 1)).toBe(2_000);
    expect(saveRetryDelay(new ApiError('RATE_LIMITED', 'slow down', 429), 2)).toBe(4_000);
  });

  it('does not repeat a save the server refused for what it holds', () => {
    expect(saveRetryDelay(new ApiError('VALIDATION_FAILED', 'bad', 400), 1)).toBeNull();
    expect(saveRetryDelay(new ApiError('CONFLICT', 'changed', 409), 1)).toBeNull();
    expect(saveRetryDelay(new Error('anything else'), 1)).toBeNull();
  });
});

describe('saveFailureReason', () => {
  it('names the field the server refused, as the designer knows it', () => {
    const refused = new ApiError('VALIDATION_FAILED', 'The request body is not valid', 400, {
      issues: [{ path: ['name'], message: 'Required' }],
    });
    expect(saveFailureReason(refused)).toBe('Flow name: Required');
  });

  it('gives other field paths as the API names them, and counts the rest', () => {
    const refused = new ApiError('VALIDATION_FAILED', 'The request body is not valid', 400, {
      issues: [
        { path: ['graph', 'nodes', 2, 'config', 'prompt'], message: 'Too long' },
        { path: ['graph', 'edges', 0, 'id'], message: 'Duplicate' },
      ],
    });
    expect(saveFailureReason(refused)).toBe(
      'graph › nodes › #3 › config › prompt: Too long (and 1 more)',
    );
  });

  it("uses the server's message when it names no field", () => {
    expect(saveFailureReason(offline)).toBe('Cannot reach the Tandem server.');
    expect(saveFailureReason(new ApiError('FORBIDDEN', 'Only designers change flows', 403))).toBe(
      'Only designers change flows',
    );
    expect(saveFailureReason(new Error('boom'))).toBe('boom');
    expect(saveFailureReason('nothing useful')).toBe('Unknown error');
  });
});
