import { describe, expect, it } from 'vitest';
import { unclosedOutputProblem } from './unclosed-output.js';

describe('unclosedOutputProblem', () => {
  it('finds nothing in closed references or plain text', () => {
    expect(unclosedOutputProblem('About {{ input.topic }} for {{ brand.name }}.')).toBeNull();
    expect(unclosedOutputProblem('No references here.')).toBeNull();
  });

  it('quotes the reference left open and says what to add', () => {
    expect(unclosedOutputProblem('Write about {{ input.topic')).toBe(
      '“{{ input.topic” is not closed: end it with }}',
    );
  });

  it('finds one left open before another that is closed', () => {
    expect(unclosedOutputProblem('About {{ input.topic and {{ brand.name }}')).toBe(
      '“{{ input.topic and” is not closed: end it with }}',
    );
  });

  it('quotes only the start of a long open reference, on its line', () => {
    expect(unclosedOutputProblem('Hi {{ steps.draft.text and then a long tail\nnext line')).toBe(
      '“{{ steps.draft.text and…” is not closed: end it with }}',
    );
  });
});
