import { AppError } from '@tandem/schema';
import type { EngineContext } from './engine-context.js';

/**
 * Runs a node's work with an AbortSignal that fires at the step timeout or when its run is
 * canceled. The step settles at once either way; ports that honour the signal stop early.
 */
export async function withStepSignal<T>(
  engine: EngineContext,
  runId: string,
  work: (signal: AbortSignal) => Promise<T> | T,
): Promise<T> {
  const controller = new AbortController();
  const controllers = engine.runControllers.get(runId) ?? new Set<AbortController>();
  controllers.add(controller);
  engine.runControllers.set(runId, controllers);
  const seconds = Math.round(engine.limits.stepTimeoutMs / 1000);
  const timer = engine.timers.setTimeout(
    () =>
      controller.abort(
        new AppError({
          code: 'TIMEOUT',
          retryable: true,
          message: `The step did not finish within ${seconds} s`,
        }),
      ),
    engine.limits.stepTimeoutMs,
  );
  try {
    return await new Promise<T>((resolve, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {
        once: true,
      });
      Promise.resolve()
        .then(() => work(controller.signal))
        .then(resolve, reject);
    });
  } finally {
    engine.timers.clearTimeout(timer);
    controllers.delete(controller);
    if (controllers.size === 0) engine.runControllers.delete(runId);
  }
}

/** Stops every step of a run that is executing in this process. */
export function abortRunSteps(engine: EngineContext, runId: string): void {
  const reason = new AppError({
    code: 'CANCELED',
    origin: 'user',
    message: 'The run was canceled',
  });
  for (const controller of engine.runControllers.get(runId) ?? []) controller.abort(reason);
}

/** Hands every executing step back at shutdown: each goes back to pending and runs after restart. */
export function abortAllSteps(engine: EngineContext): void {
  const reason = new AppError({
    code: 'CANCELED',
    retryable: true,
    message: 'The engine stopped before the step finished; it runs again after the restart',
  });
  for (const controllers of engine.runControllers.values()) {
    for (const controller of controllers) controller.abort(reason);
  }
}
