import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client.js';
import { saveRetryDelay } from './save-retry.js';

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
