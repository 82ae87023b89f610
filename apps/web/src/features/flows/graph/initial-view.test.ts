import { describe, expect, it } from 'vitest';
import { initialFit, READABLE_ZOOM } from './initial-view.js';

/** Steps in a row, 280 px apart as the templates place them. */
const row = (count: number, y = 0) =>
  Array.from({ length: count }, (_, i) => ({ id: `n${i}`, position: { x: i * 280, y } }));

describe('initialFit', () => {
  it('fits a flow that is readable whole, never zooming in past 100%', () => {
    expect(initialFit(row(2), { width: 1200, height: 700 })).toEqual({
      padding: 0.2,
      minZoom: READABLE_ZOOM,
      maxZoom: 1,
    });
  });

  it('opens a flow too wide for the canvas on its first steps, at a readable zoom', () => {
    // A 5-step template in the 800 px canvas of a 1280 px window: whole, it shrank to 0.48.
    const fit = initialFit(row(5), { width: 800, height: 700 });
    expect(fit?.minZoom).toBe(READABLE_ZOOM);
    expect(fit?.nodes).toEqual([{ id: 'n0' }, { id: 'n1' }, { id: 'n2' }]);
  });

  it('starts from the leftmost step whatever order the flow lists them in', () => {
    const nodes = [...row(6)].reverse();
    const ids = initialFit(nodes, { width: 800, height: 700 })?.nodes?.map((n) => n.id);
    expect(ids?.sort()).toEqual(['n0', 'n1', 'n2']);
  });

  it('opens a flow too tall for the canvas on its top rows', () => {
    const grid = [...row(2, 0), ...row(2, 400), ...row(2, 800)].map((n, i) => ({
      ...n,
      id: `g${i}`,
    }));
    const ids = initialFit(grid, { width: 800, height: 600 })?.nodes?.map((n) => n.id);
    expect(ids).toEqual(['g0', 'g1', 'g2', 'g3']);
  });

  it('uses measured sizes when the cards have them', () => {
    const wide = row(2).map((n) => ({ ...n, measured: { width: 900, height: 96 } }));
    expect(initialFit(wide, { width: 800, height: 700 })?.nodes).toEqual([{ id: 'n0' }]);
  });

  it('keeps an empty flow at zoom 1 and fits everything before the canvas is measured', () => {
    expect(initialFit([], { width: 800, height: 700 })).toBeNull();
    expect(initialFit(row(9), { width: 0, height: 0 })?.nodes).toBeUndefined();
  });
});
