import { NODE_HEIGHT, NODE_WIDTH } from './layout.js';

/**
 * The zoom under which step titles (13 px on the card) turn too small to read. A flow wider
 * than the canvas at this zoom opens on its first steps instead of shrinking to fit.
 */
export const READABLE_ZOOM = 0.8;
/**
 * How far a small flow may shrink to open whole. Below READABLE_ZOOM the cards' titles grow to
 * make up for it (see `.node-title` and --canvas-zoom), so they stay 10.5 px on screen; a
 * five-step template opened at 0.8 hid its last two steps off the canvas of a 1440 px window
 * (whole, it opens there at about 0.55).
 */
export const WHOLE_FLOW_MIN_ZOOM = 0.5;
/** Flows of up to this many steps open whole when they fit at WHOLE_FLOW_MIN_ZOOM. */
export const WHOLE_FLOW_MAX_STEPS = 10;
/** Room around a whole flow fitted into view, as a fraction of its size. */
const FIT_PADDING = 0.2;
/** Less room when only the first steps are shown: the next one peeking in says there is more. */
const LEADING_PADDING = 0.1;
/** A small flow shrunk to open whole keeps only a little room around it, to shrink less. */
const SHRUNK_PADDING = 0.06;

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
 * How a flow opens: all of it when it fits the canvas at a readable zoom (or, up to
 * WHOLE_FLOW_MAX_STEPS steps, at WHOLE_FLOW_MIN_ZOOM), otherwise its first steps (the top-left
 * corner; flows read from the left, where the trigger sits) at the readable zoom. Null for an
 * empty flow, which keeps zoom 1 so the first drop lands where it is dropped.
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
  const fits = (span: number, room: number, padding: number, zoom = READABLE_ZOOM) =>
    span * (1 + padding) * zoom <= room;
  const fitsWhole = (padding: number, zoom: number) =>
    fits(right - left, pane.width, padding, zoom) && fits(bottom - top, pane.height, padding, zoom);
  if (fitsWhole(FIT_PADDING, READABLE_ZOOM)) return whole;
  // A small flow shrinks a little (with less room around it) rather than hide its last steps.
  if (nodes.length <= WHOLE_FLOW_MAX_STEPS && fitsWhole(SHRUNK_PADDING, WHOLE_FLOW_MIN_ZOOM)) {
    return { padding: SHRUNK_PADDING, minZoom: WHOLE_FLOW_MIN_ZOOM, maxZoom: 1 };
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
