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

/** Less room than this beside a floating panel shows no useful part of a card (its icon and title). */
const MIN_ROOM = 120;

/**
 * The part of the canvas a settings panel floating over its right side leaves in sight. On narrow
 * windows the panel lies over the canvas instead of beside it, so the canvas's own box still
 * counts the covered strip. Where the strip left is narrower than a card, the card's start (its
 * title) is what gets shown. A panel that leaves almost nothing (a phone) is not counted.
 */
export function uncoveredPart(canvas: Box, panel: Box | null): Box {
  if (!panel || panel.left >= canvas.right || panel.right <= canvas.left) return canvas;
  if (panel.left - canvas.left < MIN_ROOM) return canvas;
  // Field by field: a DOMRect's sides are getters, which spreading it would drop.
  return { left: canvas.left, top: canvas.top, bottom: canvas.bottom, right: panel.left };
}

function shiftOnAxis(start: number, end: number, min: number, max: number): number {
  if (start >= min && end <= max) return 0;
  const room = max - min;
  if (end - start + 2 * MARGIN > room || start < min)
    return min + Math.min(MARGIN, room / 4) - start;
  return max - MARGIN - end;
}

/**
 * How far to move the canvas (screen pixels) to bring a flow back once the settings panel beside
 * it closes: opening the panel moved the canvas to show a step near its right edge, and the wider
 * canvas then showed mostly empty space with the flow's start out of sight. A flow that fits is
 * brought wholly into view; a larger one is moved only to fill empty space left on one side while
 * the other side hides part of it. Nothing moves when nothing could be shown better.
 */
export function panBackToFlow(flow: Box, canvas: Box): { x: number; y: number } {
  return {
    x: backOnAxis(flow.left, flow.right, canvas.left, canvas.right),
    y: backOnAxis(flow.top, flow.bottom, canvas.top, canvas.bottom),
  };
}

function backOnAxis(start: number, end: number, min: number, max: number): number {
  const spare = max - min - (end - start);
  if (spare >= 0) {
    const margin = Math.min(MARGIN, spare / 2);
    if (start < min) return min + margin - start;
    if (end > max) return max - margin - end;
    return 0;
  }
  if (start > min && end > max) return -Math.min(start - min, end - max);
  if (end < max && start < min) return Math.min(max - end, min - start);
  return 0;
}
