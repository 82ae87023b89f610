import { describe, expect, it } from 'vitest';
import { stepToFocusAfterRemoving } from './focus-after-removal.js';

const chain = [
  { source: 'start', target: 'draft' },
  { source: 'draft', target: 'brand' },
  { source: 'brand', target: 'review' },
];

describe('stepToFocusAfterRemoving', () => {
  it('is the step that led into the deleted one', () => {
    expect(stepToFocusAfterRemoving(chain, new Set(['brand']))).toBe('draft');
  });

  it('skips steps deleted with it', () => {
    expect(stepToFocusAfterRemoving(chain, new Set(['draft', 'brand']))).toBe('start');
  });

  it('is the step it led to when nothing led into it', () => {
    expect(stepToFocusAfterRemoving(chain, new Set(['start']))).toBe('draft');
  });

  it('is none for a step on its own', () => {
    expect(stepToFocusAfterRemoving(chain, new Set(['alone']))).toBeNull();
  });
});
