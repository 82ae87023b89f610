import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { LIMITS } from '@tandem/schema';
import { NewFlowModal } from './NewFlowModal.js';

describe('NewFlowModal', () => {
  it('stops the name at the length the server accepts (it answers longer ones with a generic error)', () => {
    const html = renderToStaticMarkup(
      <NewFlowModal open onClose={() => undefined} onCreate={async () => undefined} />,
    );
    expect(html).toMatch(
      new RegExp(`<input[^>]*id="new-flow-name"[^>]*maxLength="${LIMITS.name}"`),
    );
  });
});
