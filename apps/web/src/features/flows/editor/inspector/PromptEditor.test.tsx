import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { PromptEditor } from './PromptEditor.js';

describe('PromptEditor', () => {
  it('offers its variables as a named group of insert buttons', () => {
    const html = renderToStaticMarkup(
      <PromptEditor
        id="prompt"
        value=""
        onChange={() => undefined}
        suggestions={[{ path: 'input.topic', detail: 'Topic', group: 'Input' }]}
      />,
    );
    expect(html).toMatch(/<div class="var-chips" role="group" aria-label="Insert a variable">/);
    expect(html).toMatch(/<button[^>]*title="Topic"[^>]*>input\.topic<\/button>/);
  });
});
