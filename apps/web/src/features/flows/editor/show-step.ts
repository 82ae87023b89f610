import type { ReactFlowInstance, Viewport } from '@xyflow/react';
import type { TandemNode } from '../graph/flow-graph.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../graph/layout.js';
import { panBackToFlow, panToShow, uncoveredPart } from '../graph/pan-to-show.js';

/**
 * Moves the canvas just far enough that a step's card is wholly in view, and not at all when it
 * already is (centring it would push the steps before it, the ones a designer reads first, off the
 * left edge). The card's box comes from the graph, not the page, so a step the canvas left
 * unrendered (large flows render only what is on screen) is found too. On a narrow window the
 * settings panel floats over the canvas; the strip under it does not count as in view.
 */
export function showStep(flow: ReactFlowInstance<TandemNode>, nodeId: string): void {
  const node = flow.getInternalNode(nodeId);
  const canvas = document.querySelector('.canvas');
  if (!node || !canvas) return;
  const { x: left, y: top } = node.internals.positionAbsolute;
  const topLeft = flow.flowToScreenPosition({ x: left, y: top });
  const bottomRight = flow.flowToScreenPosition({
    x: left + (node.measured.width ?? NODE_WIDTH),
    y: top + (node.measured.height ?? NODE_HEIGHT),
  });
  const card = { left: topLeft.x, top: topLeft.y, right: bottomRight.x, bottom: bottomRight.y };
  const panel = document.querySelector('.inspector')?.getBoundingClientRect() ?? null;
  const shift = panToShow(card, uncoveredPart(canvas.getBoundingClientRect(), panel));
  if (shift.x === 0 && shift.y === 0) return;
  const now = flow.getViewport();
  const next = { x: now.x + shift.x, y: now.y + shift.y, zoom: now.zoom };
  // The first move since the panel opened (or since the designer moved the canvas) is the one
  // closing the panel takes back.
  movedForPanel = {
    before: movedForPanel && sameView(movedForPanel.after, now) ? movedForPanel.before : now,
    after: next,
  };
  void flow.setViewport(next, { duration: 250 });
}

/** Where the canvas was before the open settings moved it, and where they moved it to. */
let movedForPanel: { before: Viewport; after: Viewport } | null = null;

const sameView = (a: Viewport, b: Viewport) =>
  Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1 && Math.abs(a.zoom - b.zoom) < 1e-3;

/** The settings opened: moves made before (following a test run) are not theirs to take back. */
export function forgetPanelMoves(): void {
  movedForPanel = null;
}

/**
 * As the settings panel closes: the canvas goes back to where it was before the panel moved it
 * to show a step, unless the designer has moved it since; then the flow is brought back into
 * view (see `panBackToFlow`).
 */
export function showFlowAfterPanel(flow: ReactFlowInstance<TandemNode>): void {
  const moved = movedForPanel;
  movedForPanel = null;
  if (moved && sameView(moved.after, flow.getViewport())) {
    void flow.setViewport(moved.before, { duration: 250 });
    return;
  }
  const nodes = flow.getNodes();
  const canvas = document.querySelector('.canvas');
  if (nodes.length === 0 || !canvas) return;
  const bounds = flow.getNodesBounds(nodes);
  const topLeft = flow.flowToScreenPosition({ x: bounds.x, y: bounds.y });
  const bottomRight = flow.flowToScreenPosition({
    x: bounds.x + bounds.width,
    y: bounds.y + bounds.height,
  });
  const box = { left: topLeft.x, top: topLeft.y, right: bottomRight.x, bottom: bottomRight.y };
  const shift = panBackToFlow(box, canvas.getBoundingClientRect());
  if (shift.x === 0 && shift.y === 0) return;
  const { x, y, zoom } = flow.getViewport();
  void flow.setViewport({ x: x + shift.x, y: y + shift.y, zoom }, { duration: 250 });
}
