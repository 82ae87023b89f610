import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { StepOutput } from './StepOutput.js';

describe('StepOutput', () => {
  it('offers the rest of a long draft, in prose, instead of ending it in "…"', () => {
    const html = renderToStaticMarkup(
      <StepOutput output={{ text: 'word '.repeat(2000) }} stepName="Draft" />,
    );
    expect(html).toContain('Show the rest');
    expect(html).toContain('run-output-text');
    const short = renderToStaticMarkup(
      <StepOutput output={{ text: 'Short draft' }} stepName="x" />,
    );
    expect(short).not.toContain('Show the rest');
  });

  it('shows nothing for an output made only of bookkeeping', () => {
    expect(renderToStaticMarkup(<StepOutput output={{ contentHash: 'abc' }} stepName="x" />)).toBe(
      '',
    );
  });

  it('names whose output it is for someone tabbing through with a screen reader', () => {
    const html = renderToStaticMarkup(
      <StepOutput output={{ text: 'Hi' }} stepName="Draft the post" />,
    );
    expect(html).toMatch(/Output<span class="sr-only"> of Draft the post<\/span>/);
  });
});
