import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { StepOutput } from './StepOutput.js';

describe('StepOutput', () => {
  it('offers the rest of a long draft, in prose, instead of ending it in "…"', () => {
    const html = renderToStaticMarkup(<StepOutput output={{ text: 'word '.repeat(2000) }} />);
    expect(html).toContain('Show the rest');
    expect(html).toContain('run-output-text');
    const short = renderToStaticMarkup(<StepOutput output={{ text: 'Short draft' }} />);
    expect(short).not.toContain('Show the rest');
  });

  it('shows nothing for an output made only of bookkeeping', () => {
    expect(renderToStaticMarkup(<StepOutput output={{ contentHash: 'abc' }} />)).toBe('');
  });
});
