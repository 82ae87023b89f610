import { useEffect, useRef } from 'react';
import { Outlet, useMatches } from 'react-router';
import { focusHeadingWhenShown } from './focus-heading.js';

/** Routes that only send the visitor on (Home's redirect): they are not a page of their own. */
export interface RouteHandle {
  redirect?: boolean;
}

/**
 * After a client-side change of page (signing in, a menu link), moves the keyboard focus to the
 * new page's main heading. Without it the focus stayed on the page body (or the menu link), and a
 * screen reader said nothing about the new page.
 *
 * A page is a route, not a URL: /inbox to /inbox/:taskId is one page whose task view minds its
 * own focus (j/k walk the tasks), and settings tabs keep the focus on the tab. The first page
 * shown is left alone, so a deep link's own focus (a task's heading, an input) stands.
 */
export function RouteFocus() {
  const matches = useMatches();
  const last = matches.at(-1);
  const page = (last?.handle as RouteHandle | undefined)?.redirect ? undefined : last?.id;
  /** The page the focus has been placed on (or the first page seen). */
  const settled = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (page === undefined) return;
    if (settled.current === undefined || settled.current === page) {
      settled.current = page;
      return;
    }
    // Marked settled only once done: a StrictMode re-run of this effect must start again.
    return focusHeadingWhenShown(() => {
      settled.current = page;
    });
  }, [page]);

  return <Outlet />;
}
