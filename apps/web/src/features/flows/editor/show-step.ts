import type { ReactFlowInstance } from '@xyflow/react';
import type { TandemNode } from '../graph/flow-graph.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../graph/layout.js';
import { panToShow, uncoveredPart } from '../graph/pan-to-show.js';

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
  const { x, y, zoom } = flow.getViewport();
  void flow.setViewport({ x: x + shift.x, y: y + shift.y, zoom }, { duration: 250 });
}
