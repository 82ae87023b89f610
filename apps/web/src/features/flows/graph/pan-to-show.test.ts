import { describe, expect, it } from 'vitest';
import { panToShow } from './pan-to-show.js';

const canvas = { left: 500, right: 1100, top: 100, bottom: 900 };

describe('panToShow', () => {
  it('leaves a card that is wholly in view where it is', () => {
    expect(panToShow({ left: 600, right: 860, top: 200, bottom: 300 }, canvas)).toEqual({
      x: 0,
      y: 0,
    });
  });

  it('moves a card hidden past the right edge just inside it, not to the centre', () => {
    // The panel opened and covered the card's right part: the steps left of it stay in view.
    const shift = panToShow({ left: 900, right: 1160, top: 200, bottom: 300 }, canvas);
    expect(shift).toEqual({ x: 1100 - 24 - 1160, y: 0 });
  });

  it('moves a card hidden past the left or top edge just inside it', () => {
    expect(panToShow({ left: 400, right: 660, top: 50, bottom: 150 }, canvas)).toEqual({
      x: 524 - 400,
      y: 124 - 50,
    });
  });

  it('shows the top-left of a card larger than the canvas', () => {
    const shift = panToShow({ left: 900, right: 1700, top: 200, bottom: 300 }, canvas);
    expect(900 + shift.x).toBe(524);
  });
});
