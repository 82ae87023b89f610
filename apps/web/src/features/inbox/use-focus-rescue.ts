import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Puts the focus back inside `container` when a render removed the element that held it: a
 * live task replacing "You're all caught up", say. The browser drops the focus on the page body
 * then, and a screen-reader user loses their place. Only focus that was inside the container
 * and is now on the body moves: a reviewer typing in a filter, or anywhere else, keeps it.
 */
export function useFocusRescue(
  container: RefObject<HTMLElement | null>,
  target: () => HTMLElement | null | undefined,
): void {
  /** The focused element, while it is inside the container. */
  const focusedInside = useRef<Element | null>(null);

  useEffect(() => {
    // On the document, not the container: focus leaving for elsewhere must forget the element.
    const onFocusIn = (event: FocusEvent) => {
      const el = event.target;
      focusedInside.current = el instanceof Element && container.current?.contains(el) ? el : null;
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [container]);

  // After every render, before paint: the render that removed the element is the one to mend.
  useLayoutEffect(() => {
    const lost = focusedInside.current;
    if (!lost || lost.isConnected) return;
    focusedInside.current = null;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    target()?.focus();
  });
}
