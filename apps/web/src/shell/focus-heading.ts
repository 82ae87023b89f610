/** How long a page may take to show its heading (a lazy chunk, then its data) before we give up. */
const WAIT_MS = 10_000;

function mainHeading(): HTMLElement | null {
  return document.querySelector<HTMLElement>('main h1') ?? document.querySelector('h1');
}

/**
 * Focuses the page's h1 once it is in the document, unless something else took the focus first
 * (the page focused a field on purpose, or the visitor clicked into it). Returns a stop function.
 */
export function focusHeadingWhenShown(done: () => void): () => void {
  const start = document.activeElement;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    clearTimeout(timer);
  };
  const attempt = () => {
    const active = document.activeElement;
    const tookFocus = active && active !== start && active !== document.body;
    const heading = tookFocus ? null : mainHeading();
    if (!tookFocus && !heading) return;
    stop();
    if (heading) {
      // Focusable from script only: it is not a control, and Tab should not stop on it.
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
    done();
  };
  const observer = new MutationObserver(attempt);
  const timer = setTimeout(() => {
    stop();
    done();
  }, WAIT_MS);
  observer.observe(document.body, { childList: true, subtree: true });
  attempt();
  return stop;
}
