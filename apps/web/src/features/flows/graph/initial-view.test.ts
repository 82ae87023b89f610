import { describe, expect, it } from 'vitest';
import {
  initialFit,
  READABLE_ZOOM,
  WHOLE_FLOW_MAX_STEPS,
  WHOLE_FLOW_MIN_ZOOM,
} from './initial-view.js';

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
    // A seven-step template in the 800 px canvas of a 1280 px window: whole, it shrank to 0.39.
    const fit = initialFit(row(7), { width: 800, height: 700 });
    expect(fit?.minZoom).toBe(READABLE_ZOOM);
    expect(fit?.nodes).toEqual([{ id: 'n0' }, { id: 'n1' }, { id: 'n2' }]);
  });

  it('opens a five-step flow whole in the 960 px canvas of a 1440 px window, shrunk a little', () => {
    // At the readable zoom only three of the five steps showed; the last two were off-screen.
    // The blog template, 350 px a column: 1,660 px wide, it opens at about 0.55.
    const blog = row(5).map((n, i) => ({ ...n, position: { x: i * 350, y: 200 } }));
    const fit = initialFit(blog, { width: 976, height: 700 });
    expect(fit).toEqual({ padding: 0.06, minZoom: WHOLE_FLOW_MIN_ZOOM, maxZoom: 1 });
  });

  it('opens a flow of more than ten steps on its first steps even when it would fit shrunk', () => {
    const many = row(WHOLE_FLOW_MAX_STEPS + 1);
    // 3,060 px wide: fits 2,000 px at 0.5 but not at the readable zoom.
    const fit = initialFit(many, { width: 2000, height: 700 });
    expect(fit?.minZoom).toBe(READABLE_ZOOM);
    expect(fit?.nodes?.length).toBeLessThan(many.length);
    expect(initialFit(row(WHOLE_FLOW_MAX_STEPS), { width: 2000, height: 700 })?.nodes).toBe(
      undefined,
    );
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
    const ids = initialFit(grid, { width: 800, height: 450 })?.nodes?.map((n) => n.id);
    expect(ids).toEqual(['g0', 'g1', 'g2', 'g3']);
  });

  it('uses measured sizes when the cards have them', () => {
    const wide = row(2).map((n) => ({ ...n, measured: { width: 900, height: 96 } }));
    expect(initialFit(wide, { width: 600, height: 700 })?.nodes).toEqual([{ id: 'n0' }]);
  });

  it('keeps an empty flow at zoom 1 and fits everything before the canvas is measured', () => {
    expect(initialFit([], { width: 800, height: 700 })).toBeNull();
    expect(initialFit(row(9), { width: 0, height: 0 })?.nodes).toBeUndefined();
  });
});
