import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Flag } from '@tandem/schema';
import { StructuredEditor } from './StructuredEditor.js';
import { StructuredView } from './StructuredView.js';

const data = {
  changes: [
    { channel: 'Search', current: 4000, proposed: 2880, rationale: 'Cheapest.' },
    { channel: 'Email', current: 500, proposed: 396, rationale: 'Up 50.' },
  ],
  summary: 'Moves 50 from Social to Email.',
};
const flags: Flag[] = [
  { rule: 'item_change_cap', severity: 'error', message: 'Search: -28%', match: 'Search' },
  { rule: 'total_change_cap', severity: 'error', message: 'The total moves' },
];

describe('StructuredView', () => {
  it('lays a budget out as a table under its label, numbers right-aligned in the locale', () => {
    const html = renderToStaticMarkup(<StructuredView value={data} />);
    expect(html).toContain('<dt>Changes</dt>');
    expect(html).toContain('<dt>Summary</dt>');
    expect(html).toMatch(/<th scope="col">Channel<\/th><th scope="col" class="num">Current<\/th>/);
    expect(html).toContain(`<td class="num">${(4000).toLocaleString()}</td>`);
    expect(html).not.toContain('{');
  });

  it('marks the row a flag names, with why; a flag naming no row stays off the table', () => {
    const html = renderToStaticMarkup(<StructuredView value={data} flags={flags} />);
    expect(html).toContain('<tr class="is-flagged flag-row-error" title="Search: -28%">');
    expect(html).toMatch(
      /<mark class="flag-mark flag-error">Search<span class="sr-only"> \(flagged: Search: -28%\)/,
    );
    expect(html).not.toContain('The total moves');
    expect(html.match(/is-flagged/g)).toHaveLength(1);
  });

  it('marks a value the reviewer changed with what it was', () => {
    const edited = {
      ...data,
      changes: [data.changes[0]!, { ...data.changes[1]!, proposed: 450 }],
    };
    const html = renderToStaticMarkup(<StructuredView value={edited} original={data} />);
    expect(html).toContain(
      `<span class="structured-changed" title="Was ${(396).toLocaleString()}">`,
    );
    expect(html.match(/structured-changed/g)).toHaveLength(1);
  });
});

describe('StructuredEditor', () => {
  it('offers a number field per number and a text field per text, labelled by column and row', () => {
    const html = renderToStaticMarkup(<StructuredEditor value={data} onChange={() => {}} />);
    expect(html).toContain('type="number"');
    expect(html).toMatch(/aria-label="Proposed, Email"[^>]*value="396"/);
    expect(html).toMatch(/type="text"[^>]*aria-label="Rationale, Search"[^>]*value="Cheapest."/);
    expect(html).toMatch(/aria-label="Summary"/);
    // Keys are not editable: no field holds a key.
    expect(html).not.toMatch(/value="(changes|channel|proposed)"/);
  });
});
