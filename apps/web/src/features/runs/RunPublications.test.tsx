import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { RunPublications } from './RunPublications.js';

describe('RunPublications', () => {
  it('does not tell someone refused the list that nothing was published', () => {
    const html = renderToStaticMarkup(<RunPublications pubs="forbidden" />);
    expect(html).not.toContain('Nothing published');
    expect(html).toContain('Publications are shown to designers and managers');
    expect(renderToStaticMarkup(<RunPublications pubs={[]} />)).toContain('Nothing published');
  });
});
