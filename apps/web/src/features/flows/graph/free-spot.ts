/** A step card's top-left corner and size on the canvas (flow coordinates). */
export interface CardBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room kept between a new card and the cards around it, so their handles stay apart. */
const GAP = 32;
/** How many half-card steps the search goes out from the wanted spot in each direction. */
const REACH = 10;

/**
 * Where a step added from the palette should go before making room: just right of the selected
 * step, the next one in a flow read left to right (the step added last stays selected, so clicking
 * "Manual start", "AI write", "Human review" lays them out in that order); with nothing selected,
 * centred on `viewCentre`. A step hung from the selected step's second way out (a review's
 * Rejected) goes `row` 1, a card lower, so its edge does not run behind the step on the first.
 */
export function wantedSpot(
  selected: CardBox | null,
  viewCentre: { x: number; y: number },
  size: { width: number; height: number },
  row = 0,
): { x: number; y: number } {
  // Wider than GAP: the edge between the two cards stays long enough to read as a link (the
  // templates and Tidy up leave about 90 px).
  if (selected) {
    return { x: selected.x + selected.width + 3 * GAP, y: selected.y + row * (size.height + GAP) };
  }
  return { x: viewCentre.x - size.width / 2, y: viewCentre.y - size.height / 2 };
}

/**
 * The spot nearest `wanted` (top-left) where a card of `size` overlaps no card already on the
 * canvas, so a step added by clicking the palette never lands on, and hides, the one before.
 * Candidates lie on a half-card grid around `wanted`, nearest first; when all of that grid is
 * taken, the wanted spot itself is returned.
 */
export function freeSpotNear(
  wanted: { x: number; y: number },
  size: { width: number; height: number },
  cards: readonly CardBox[],
): { x: number; y: number } {
  const stepX = (size.width + GAP) / 2;
  const stepY = (size.height + GAP) / 2;
  const candidates: { x: number; y: number; distance: number }[] = [];
  for (let i = -REACH; i <= REACH; i++) {
    for (let j = -REACH; j <= REACH; j++) {
      // Measured in card steps, not pixels, so "next to" and "below" are equally near; on a tie
      // right beats below beats left beats above, the order a flow is read in.
      const tieBreak = (j !== 0 ? 0.01 : 0) + (i < 0 ? 0.02 : 0) + (j < 0 ? 0.03 : 0);
      candidates.push({
        x: wanted.x + i * stepX,
        y: wanted.y + j * stepY,
        distance: Math.hypot(i, j) + tieBreak,
      });
    }
  }
  candidates.sort((a, b) => a.distance - b.distance);
  const free = candidates.find((c) => !cards.some((card) => overlaps(c, size, card)));
  return free ? { x: Math.round(free.x), y: Math.round(free.y) } : wanted;
}

function overlaps(
  at: { x: number; y: number },
  size: { width: number; height: number },
  card: CardBox,
): boolean {
  return (
    at.x < card.x + card.width + GAP &&
    card.x < at.x + size.width + GAP &&
    at.y < card.y + card.height + GAP &&
    card.y < at.y + size.height + GAP
  );
}
