import type { AriaLabelConfig } from '@xyflow/react';

const STEP_KEYS =
  'Press Enter or Space to open the step’s settings. Arrow keys move the step; Delete removes it; Escape closes the settings.';

/**
 * What the canvas tells a screen reader user, in the editor's words: React Flow's own speak of
 * "nodes", "edges" and x/y coordinates, which a designer never sees anywhere else.
 */
export const CANVAS_ARIA_LABELS: Partial<AriaLabelConfig> = {
  'node.a11yDescription.default': STEP_KEYS,
  'node.a11yDescription.keyboardDisabled': STEP_KEYS,
  'node.a11yDescription.ariaLiveMessage': ({ direction }) => `Moved the step ${direction}`,
  'edge.a11yDescription.default':
    'Press Enter or Space to select the connection. Delete removes it; Escape cancels.',
  'controls.ariaLabel': 'Zoom',
  'controls.zoomIn.ariaLabel': 'Zoom in',
  'controls.zoomOut.ariaLabel': 'Zoom out',
  'controls.fitView.ariaLabel': 'Fit to screen',
  'minimap.ariaLabel': 'Flow overview',
  'handle.ariaLabel': 'Connection point',
};
