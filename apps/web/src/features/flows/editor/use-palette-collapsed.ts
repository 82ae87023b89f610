import { useCallback, useState } from 'react';

const COLLAPSED_KEY = 'tandem.editor.paletteCollapsed';

function remembered(): boolean {
  try {
    return localStorage.getItem(COLLAPSED_KEY) === 'yes';
  } catch {
    return false;
  }
}

/**
 * Whether the steps list is collapsed to icons, remembered across visits: a designer who wants
 * the canvas's room (at 1024 wide the open settings left it 210 px) wants it on every flow.
 */
export function usePaletteCollapsed(): [boolean, () => void] {
  const [collapsed, setCollapsed] = useState(remembered);
  const toggle = useCallback(() => {
    setCollapsed((was) => {
      try {
        localStorage.setItem(COLLAPSED_KEY, was ? 'no' : 'yes');
      } catch {
        // Storage disabled: the list opens expanded next time, as it always did.
      }
      return !was;
    });
  }, []);
  return [collapsed, toggle];
}
