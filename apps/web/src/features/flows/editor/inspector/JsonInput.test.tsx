import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { JsonInput } from './JsonInput.js';

describe('JsonInput', () => {
  it('marks its box invalid when the form has an error for it', () => {
    const html = renderToStaticMarkup(
      <JsonInput id="cfg-x" value={{}} onChange={() => undefined} readOnly={false} invalid />,
    );
    expect(html).toMatch(/<textarea[^>]*aria-invalid="true"/);
  });
});
