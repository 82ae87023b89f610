import { describe, expect, it } from 'vitest';
import { isTestRun, matchesRunKind, runKindOf, testParamOf } from './test-run.js';

describe('test runs', () => {
  it('tells a test run by its `test: true` alone', () => {
    expect(isTestRun({ id: 'run_1', test: true })).toBe(true);
    expect(isTestRun({ id: 'run_1' })).toBe(false);
    expect(isTestRun({ id: 'run_1', test: 'true' })).toBe(false);
    expect(isTestRun(null)).toBe(false);
  });

  it('reads the Kind filter from the address and writes it back', () => {
    expect(runKindOf('true')).toBe('test');
    expect(runKindOf('false')).toBe('real');
    expect(runKindOf(null)).toBe('');
    expect(runKindOf('yes')).toBe('');
    expect(testParamOf('test')).toBe('true');
    expect(testParamOf('real')).toBe('false');
    expect(testParamOf('')).toBeNull();
  });

  it('keeps a run in a list of its kind only', () => {
    const test = { id: 'run_1', test: true };
    const real = { id: 'run_2' };
    expect(matchesRunKind(test, 'test')).toBe(true);
    expect(matchesRunKind(real, 'test')).toBe(false);
    expect(matchesRunKind(real, 'real')).toBe(true);
    expect(matchesRunKind(test, 'real')).toBe(false);
    expect(matchesRunKind(test, '')).toBe(true);
  });
});
