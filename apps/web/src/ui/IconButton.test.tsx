import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Trash2 } from 'lucide-react';
import { IconButton } from './IconButton.js';
import { Modal } from './Modal.js';

/** The opening tag of the first button. */
const buttonTag = (html: string) => /<button[^>]*>/.exec(html)![0];

describe('IconButton', () => {
  it('names the button and gives it the label as tooltip when no other is given', () => {
    const tag = buttonTag(
      renderToStaticMarkup(
        <IconButton icon={Trash2} label="Delete Blog post" onClick={() => {}} />,
      ),
    );
    expect(tag).toContain('type="button"');
    expect(tag).toContain('class="icon-btn"');
    expect(tag).toContain('aria-label="Delete Blog post"');
    expect(tag).toContain('title="Delete Blog post"');
  });

  it('keeps a tooltip with the shortcut, the danger tone and the ARIA state it is given', () => {
    const tag = buttonTag(
      renderToStaticMarkup(
        <IconButton
          icon={Trash2}
          label="Delete step"
          title="Delete (Del)"
          tone="danger"
          aria-expanded={false}
          disabled
        />,
      ),
    );
    expect(tag).toContain('class="icon-btn danger"');
    expect(tag).toContain('title="Delete (Del)"');
    expect(tag).toContain('aria-label="Delete step"');
    expect(tag).toContain('aria-expanded="false"');
    expect(tag).toContain('disabled=""');
  });

  it('hides the icon from screen readers, so the label is the only name', () => {
    const html = renderToStaticMarkup(<IconButton icon={Trash2} label="Delete" />);
    expect(html).toMatch(/<svg[^>]*aria-hidden="true"/);
  });

  it('is the close button of a dialog', () => {
    const html = renderToStaticMarkup(
      <Modal open title="Delete flow" onClose={() => {}}>
        Sure?
      </Modal>,
    );
    expect(buttonTag(html)).toMatch(/class="icon-btn"[^>]*title="Close"[^>]*aria-label="Close"/);
  });
});
