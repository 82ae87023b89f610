import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { LockedBadge } from './CheckpointCard.js';

describe('LockedBadge', () => {
  it('draws the lock as an SVG hidden from screen readers, and says "Locked" in text', () => {
    const html = renderToStaticMarkup(<LockedBadge by={null} />);
    expect(html).toMatch(/<svg[^>]*aria-hidden="true"/);
    expect(html).toContain('Locked');
    // No emoji: without an emoji font it renders as an empty box.
    expect(html).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(renderToStaticMarkup(<LockedBadge by="Dana Designer" />)).toContain(
      'Locked by Dana Designer',
    );
  });
});
