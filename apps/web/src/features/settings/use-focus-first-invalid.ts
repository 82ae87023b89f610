import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * After a refused save, brings the first field marked invalid into view and puts the keyboard on
 * it: the errors were rendered under fields often scrolled out of sight, and the focus stayed on
 * the Save button, so an admin saw a toast and nothing else. Falls back to the first alert (a
 * problem with no field of its own). Runs after React rendered the errors, hence the effect.
 */
export function useFocusFirstInvalid<T extends HTMLElement>() {
  const container = useRef<T>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals === 0) return;
    const root = container.current;
    const target =
      root?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      root?.querySelector<HTMLElement>('[role="alert"]');
    if (!target) return;
    if (!target.matches('input, select, textarea, button') && !target.hasAttribute('tabindex')) {
      target.tabIndex = -1;
    }
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }, [refusals]);
  /** Call when a save was refused, in the same update as the errors. */
  const refused = useCallback(() => setRefusals((n) => n + 1), []);
  return { container, refused };
}
