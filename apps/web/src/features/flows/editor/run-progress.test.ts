import { describe, expect, it } from 'vitest';
import { runProgressText } from './run-progress.js';

describe('run bar progress', () => {
  it('counts steps done out of the flow while the run goes on', () => {
    expect(runProgressText('waiting', ['done', 'done', 'waiting'], 5)).toBe('2 of 5 steps done');
  });

  it('says what ran once the run is over, not "3 of 6" for a path not taken', () => {
    expect(runProgressText('succeeded', ['done', 'done', 'done', 'skipped'], 6)).toBe(
      '3 steps ran, 1 skipped',
    );
    expect(runProgressText('failed', ['done', 'failed'], 4)).toBe('1 step ran');
  });
});
