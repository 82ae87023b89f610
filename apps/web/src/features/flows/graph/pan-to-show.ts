/** Room left between a step brought into view and the canvas edge it was hidden behind. */
const MARGIN = 24;

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * How far to move the canvas (screen pixels) so `card` is wholly inside `canvas`: nothing when
 * it already is, else just past the edge it was hidden behind. A card larger than the canvas
 * shows its top-left corner, where its title is.
 */
export function panToShow(card: Box, canvas: Box): { x: number; y: number } {
  return {
    x: shiftOnAxis(card.left, card.right, canvas.left, canvas.right),
    y: shiftOnAxis(card.top, card.bottom, canvas.top, canvas.bottom),
  };
}

function shiftOnAxis(start: number, end: number, min: number, max: number): number {
  if (start >= min && end <= max) return 0;
  const room = max - min;
  if (end - start + 2 * MARGIN > room || start < min)
    return min + Math.min(MARGIN, room / 4) - start;
  return max - MARGIN - end;
}
