import { describe, expect, it } from 'vitest';
import { readAiStatus } from './health.js';

describe('readAiStatus', () => {
  it('reads the offline model in each shape', () => {
    expect(readAiStatus({ ai: 'offline' }).offline).toBe(true);
    expect(readAiStatus({ ai: { mode: 'offline' } }).offline).toBe(true);
    expect(readAiStatus({ ai: { status: 'offline' } }).offline).toBe(true);
    expect(readAiStatus({ ai: { offline: true } }).offline).toBe(true);
  });
  it('treats a configured model as online', () => {
    expect(readAiStatus({ ai: { mode: 'openai', model: 'gpt-4o-mini' } })).toEqual({
      offline: false,
      model: 'gpt-4o-mini',
    });
    expect(readAiStatus({ status: 'ok' }).offline).toBe(false);
    expect(readAiStatus(null).offline).toBe(false);
  });
});
