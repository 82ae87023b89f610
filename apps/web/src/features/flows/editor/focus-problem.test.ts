import { describe, expect, it } from 'vitest';
import { problemFieldIds } from './focus-problem.js';

describe('problemFieldIds', () => {
  it('names a top-level field and a field inside a list item as the settings form ids them', () => {
    expect(problemFieldIds('email', ['to'])).toContain('cfg-email-to');
    expect(problemFieldIds('clean', ['rules', 0, 'path'])).toContain(
      'cfg-clean-rules-rules-0-path',
    );
    expect(problemFieldIds('email', [])).toEqual([]);
  });
});
