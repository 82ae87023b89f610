import { useCallback, useState } from 'react';

const COLLAPSED_KEY = 'tandem.editor.paletteCollapsed';
/**
 * Windows narrower than this open with the steps list collapsed to icons unless the designer
 * chose otherwise: at 1024 wide the expanded list, the app menu and the banner left the canvas
 * about 590 × 550 px.
 */
export const PALETTE_COLLAPSED_BELOW = 1280;

/** Whether the list starts collapsed: the designer's remembered choice, else by window width. */
export function paletteStartsCollapsed(remembered: string | null, windowWidth: number): boolean {
  if (remembered === 'yes') return true;
  if (remembered === 'no') return false;
  return windowWidth < PALETTE_COLLAPSED_BELOW;
}

function initial(): boolean {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(COLLAPSED_KEY);
  } catch {
    // Storage disabled: the window's width decides, as on a first visit.
  }
  return paletteStartsCollapsed(stored, window.innerWidth);
}

/**
 * Whether the steps list is collapsed to icons, remembered across visits: a designer who wants
 * the canvas's room (at 1024 wide the open settings left it 210 px) wants it on every flow.
 */
export function usePaletteCollapsed(): [boolean, () => void] {
  const [collapsed, setCollapsed] = useState(initial);
  const toggle = useCallback(() => {
    setCollapsed((was) => {
      try {
        localStorage.setItem(COLLAPSED_KEY, was ? 'no' : 'yes');
      } catch {
        // Storage disabled: the list opens as the window's width says next time.
      }
      return !was;
    });
  }, []);
  return [collapsed, toggle];
}
