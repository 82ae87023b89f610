import { NODE_HEIGHT, NODE_WIDTH } from './layout.js';

/**
 * The zoom under which step titles (13 px on the card) turn too small to read. A flow wider
 * than the canvas at this zoom opens on its first steps instead of shrinking to fit.
 */
export const READABLE_ZOOM = 0.8;
/** Room around a whole flow fitted into view, as a fraction of its size. */
const FIT_PADDING = 0.2;
/** Less room when only the first steps are shown: the next one peeking in says there is more. */
const LEADING_PADDING = 0.1;

interface PlacedNode {
  id: string;
  position: { x: number; y: number };
  measured?: { width?: number; height?: number };
}

export interface InitialFit {
  padding: number;
  minZoom: number;
  maxZoom: number;
  /** The steps to bring into view; all of them when absent. */
  nodes?: { id: string }[];
}

/**
 * How a flow opens: all of it when it fits the canvas at a readable zoom, otherwise its first
 * steps (the top-left corner; flows read from the left, where the trigger sits) at that zoom. Null for an empty flow, which keeps
 * zoom 1 so the first drop lands where it is dropped.
 */
export function initialFit(
  nodes: readonly PlacedNode[],
  pane: { width: number; height: number },
): InitialFit | null {
  if (nodes.length === 0) return null;
  const whole = { padding: FIT_PADDING, minZoom: READABLE_ZOOM, maxZoom: 1 };
  if (pane.width <= 0) return whole;
  const width = (n: PlacedNode) => n.measured?.width ?? NODE_WIDTH;
  const height = (n: PlacedNode) => n.measured?.height ?? NODE_HEIGHT;
  const left = Math.min(...nodes.map((n) => n.position.x));
  const right = Math.max(...nodes.map((n) => n.position.x + width(n)));
  const top = Math.min(...nodes.map((n) => n.position.y));
  const bottom = Math.max(...nodes.map((n) => n.position.y + height(n)));
  const fits = (span: number, room: number, padding: number) =>
    span * (1 + padding) * READABLE_ZOOM <= room;
  if (fits(right - left, pane.width, FIT_PADDING) && fits(bottom - top, pane.height, FIT_PADDING)) {
    return whole;
  }
  // The top-left corner of the flow, as much of it as the canvas shows at the readable zoom.
  const leading = nodes.filter(
    (n) =>
      fits(n.position.x + width(n) - left, pane.width, LEADING_PADDING) &&
      fits(n.position.y + height(n) - top, pane.height, LEADING_PADDING),
  );
  // A first step wider than the canvas is still the one to show.
  const shown = leading.length > 0 ? leading : [nodes.find((n) => n.position.x === left)!];
  return {
    padding: LEADING_PADDING,
    minZoom: READABLE_ZOOM,
    maxZoom: 1,
    nodes: shown.map((n) => ({ id: n.id })),
  };
}
