import { describe, expect, it } from 'vitest';
import { freeSpotNear, wantedSpot, type CardBox } from './free-spot.js';

const size = { width: 260, height: 96 };
const card = (x: number, y: number): CardBox => ({ x, y, ...size });

function overlap(a: CardBox, b: CardBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('freeSpotNear', () => {
  it('takes the wanted spot on an empty canvas', () => {
    expect(freeSpotNear({ x: 100, y: 50 }, size, [])).toEqual({ x: 100, y: 50 });
  });

  it('moves a new card off a card already there, to its right first', () => {
    const spot = freeSpotNear({ x: 0, y: 0 }, size, [card(0, 0)]);
    expect(overlap({ ...spot, ...size }, card(0, 0))).toBe(false);
    expect(spot.y).toBe(0);
    expect(spot.x).toBeGreaterThan(0);
  });

  it('never stacks cards added one after another around the same centre', () => {
    const cards: CardBox[] = [];
    // The centre drifts a little as the settings panel opens and the canvas narrows.
    for (const wanted of [
      { x: 0, y: 0 },
      { x: -180, y: 10 },
      { x: -180, y: 10 },
      { x: -180, y: 10 },
      { x: -180, y: 10 },
    ]) {
      cards.push({ ...freeSpotNear(wanted, size, cards), ...size });
    }
    for (const [i, a] of cards.entries()) {
      for (const b of cards.slice(i + 1)) expect(overlap(a, b), JSON.stringify([a, b])).toBe(false);
    }
    // ...and they stay near where the designer is looking.
    for (const c of cards) expect(Math.abs(c.x) + Math.abs(c.y)).toBeLessThan(700);
  });

  it('counts a card of another size by its real box', () => {
    const wide: CardBox = { x: 0, y: 0, width: 600, height: 300 };
    const spot = freeSpotNear({ x: 100, y: 100 }, size, [wide]);
    expect(overlap({ ...spot, ...size }, wide)).toBe(false);
  });

  it('lays steps added one after another out in a row, each right of the one before', () => {
    const cards: CardBox[] = [];
    let selected: CardBox | null = null;
    for (let i = 0; i < 4; i++) {
      const spot = freeSpotNear(wantedSpot(selected, { x: 400, y: 300 }, size), size, cards);
      selected = { ...spot, ...size };
      cards.push(selected);
    }
    expect(new Set(cards.map((c) => c.y)).size).toBe(1);
    for (let i = 1; i < cards.length; i++) {
      expect(cards[i]!.x).toBeGreaterThanOrEqual(cards[i - 1]!.x + size.width);
    }
  });

  it('puts a step on the second way out of the selected one a row lower', () => {
    const review: CardBox = { x: 0, y: 0, width: 260, height: 150 };
    const approved = wantedSpot(review, { x: 0, y: 0 }, size);
    const rejected = wantedSpot(review, { x: 0, y: 0 }, size, 1);
    expect(rejected.x).toBe(approved.x);
    expect(rejected.y).toBeGreaterThan(approved.y + size.height);
    // Free of the step on the first way out, so it stays in its row.
    expect(freeSpotNear(rejected, size, [review, { ...approved, ...size }])).toEqual(rejected);
  });
});
