import { describe, expect, it } from 'vitest';
import { paletteStartsCollapsed } from './use-palette-collapsed.js';

describe('paletteStartsCollapsed', () => {
  it('collapses the steps list to icons on a window narrower than 1280 px', () => {
    expect(paletteStartsCollapsed(null, 1024)).toBe(true);
    expect(paletteStartsCollapsed(null, 1279)).toBe(true);
    expect(paletteStartsCollapsed(null, 1280)).toBe(false);
    expect(paletteStartsCollapsed(null, 1440)).toBe(false);
  });

  it("keeps the designer's own choice whatever the window's width", () => {
    expect(paletteStartsCollapsed('no', 1024)).toBe(false);
    expect(paletteStartsCollapsed('yes', 1440)).toBe(true);
  });
});
