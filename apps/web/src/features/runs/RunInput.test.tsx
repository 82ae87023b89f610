import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { RunInput } from './RunInput.js';

describe('RunInput', () => {
  it('shows the start of a very large webhook input, the rest one click away', () => {
    const input = {
      items: Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `item ${i}` })),
    };
    const html = renderToStaticMarkup(<RunInput rows={null} input={input} />);
    expect(html.length).toBeLessThan(10_000);
    expect(html).toContain('&quot;items&quot;');
    expect(html).toContain('Show the rest');
  });

  it('cuts a very long answer short too, and leaves short ones whole', () => {
    const html = renderToStaticMarkup(
      <RunInput rows={[{ label: 'Brief', value: 'x'.repeat(50_000) }]} input={null} />,
    );
    expect(html.length).toBeLessThan(10_000);
    expect(html).toContain('Show the rest');
    const short = renderToStaticMarkup(
      <RunInput rows={[{ label: 'Topic', value: 'Spring launch' }]} input={null} />,
    );
    expect(short).toContain('Spring launch');
    expect(short).not.toContain('Show the rest');
  });
});
