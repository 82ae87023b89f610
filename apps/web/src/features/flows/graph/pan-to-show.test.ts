import { describe, expect, it } from 'vitest';
import { panBackToFlow, panToShow, uncoveredPart } from './pan-to-show.js';

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

describe('uncoveredPart', () => {
  it('is the whole canvas when the panel sits beside it', () => {
    expect(uncoveredPart(canvas, { left: 1100, right: 1460, top: 100, bottom: 900 })).toBe(canvas);
    expect(uncoveredPart(canvas, null)).toBe(canvas);
  });

  it('stops at a panel floating over the right of the canvas, so a card under it is moved out', () => {
    const panel = { left: 900, right: 1100, top: 100, bottom: 900 };
    const seen = uncoveredPart(canvas, panel);
    expect(seen).toEqual({ ...canvas, right: 900 });
    // A card under the panel, whole on the canvas, still has to move left.
    expect(panToShow({ left: 820, right: 1080, top: 200, bottom: 300 }, seen).x).toBe(
      900 - 24 - 1080,
    );
  });

  it('shows the title of a card wider than the strip the panel leaves', () => {
    const seen = uncoveredPart(canvas, { left: 700, right: 1100, top: 100, bottom: 900 });
    const shift = panToShow({ left: 820, right: 1080, top: 200, bottom: 300 }, seen);
    expect(820 + shift.x).toBe(524);
  });

  it('ignores a panel that leaves almost nothing beside it (a phone)', () => {
    expect(uncoveredPart(canvas, { left: 560, right: 1100, top: 100, bottom: 900 })).toBe(canvas);
  });

  it('reads a canvas box whose sides are getters, as the page gives them (DOMRect)', () => {
    class Rect {
      get left() {
        return 500;
      }
      get right() {
        return 1100;
      }
      get top() {
        return 100;
      }
      get bottom() {
        return 900;
      }
    }
    const panel = { left: 900, right: 1100, top: 100, bottom: 900 };
    expect(uncoveredPart(new Rect(), panel)).toEqual({ ...canvas, right: 900 });
  });
});

describe('panBackToFlow', () => {
  it('brings a flow that fits, pushed off the left edge, wholly back into view', () => {
    const shift = panBackToFlow({ left: 100, right: 500, top: 200, bottom: 300 }, canvas);
    expect(shift).toEqual({ x: 524 - 100, y: 0 });
  });

  it('keeps it clear of the far edge when there is little room to spare', () => {
    const shift = panBackToFlow({ left: 420, right: 1000, top: 200, bottom: 300 }, canvas);
    expect(420 + shift.x).toBeGreaterThanOrEqual(500);
    expect(1000 + shift.x).toBeLessThanOrEqual(1100);
  });

  it('leaves a flow that is wholly in view where it is', () => {
    expect(panBackToFlow({ left: 600, right: 900, top: 200, bottom: 300 }, canvas)).toEqual({
      x: 0,
      y: 0,
    });
  });

  it('moves a flow larger than the canvas only to fill the empty space on one side', () => {
    // Hidden on the left, empty on the right: it moves right until the right side is filled.
    expect(panBackToFlow({ left: -600, right: 900, top: 200, bottom: 300 }, canvas).x).toBe(200);
    // Hidden on both sides: the designer's choice of what to look at stands.
    expect(panBackToFlow({ left: 0, right: 1600, top: 200, bottom: 300 }, canvas).x).toBe(0);
    // Empty on the left, hidden on the right.
    expect(panBackToFlow({ left: 700, right: 1500, top: 200, bottom: 300 }, canvas).x).toBe(-200);
  });
});
