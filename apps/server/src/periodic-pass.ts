import type { Logger } from '@tandem/nodes';

/**
 * Runs `pass` now and every `tickMs`, never two at once: a slow pass (a large store) is not
 * stacked up by the next one. `stop` ends the ticking and waits for the pass under way. Shared by
 * the schedule runner and the review notifier, which both poll the store this way.
 */
export function periodicPass(
  pass: () => Promise<unknown>,
  options: { tickMs: number; logger: Logger; failure: string },
) {
  let timer: ReturnType<typeof setInterval> | undefined;
  let passing: Promise<unknown> | undefined;
  return {
    start() {
      if (timer) return;
      const run = () => {
        if (passing) return;
        passing = pass()
          .catch((error: unknown) => options.logger.error(options.failure, { error }))
          .finally(() => (passing = undefined));
      };
      timer = setInterval(run, options.tickMs);
      timer.unref();
      run();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await passing;
    },
  };
}
