import { AppError } from '@tandem/schema';
import type { EngineContext } from './engine-context.js';

/** A step executing in this process: stopping it aborts its signal and settles it at once. */
export interface ExecutingStep {
  stop(reason: AppError): void;
}

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
  let settle!: (reason: AppError) => void;
  const result = new Promise<T>((resolve, reject) => {
    settle = reject;
    Promise.resolve()
      .then(() => work(controller.signal))
      .then(resolve, reject);
  });
  // Stopping rejects directly rather than through an 'abort' listener on the signal: adding
  // an EventTarget listener cost more than the rest of this wrapper, on every step.
  const step: ExecutingStep = {
    stop(reason) {
      controller.abort(reason);
      settle(reason);
    },
  };
  let steps = engine.executingSteps.get(runId);
  if (steps === undefined) engine.executingSteps.set(runId, (steps = new Set()));
  steps.add(step);
  const timer = engine.timers.setTimeout(
    () => step.stop(stepTimeout(engine.limits.stepTimeoutMs)),
    engine.limits.stepTimeoutMs,
  );
  try {
    return await result;
  } finally {
    engine.timers.clearTimeout(timer);
    steps.delete(step);
    if (steps.size === 0) engine.executingSteps.delete(runId);
  }
}

function stepTimeout(timeoutMs: number): AppError {
  return new AppError({
    code: 'TIMEOUT',
    retryable: true,
    message: `The step did not finish within ${Math.round(timeoutMs / 1000)} s`,
  });
}

/** Stops every step of a run that is executing in this process. */
export function abortRunSteps(engine: EngineContext, runId: string): void {
  const reason = new AppError({
    code: 'CANCELED',
    origin: 'user',
    message: 'The run was canceled',
  });
  for (const step of engine.executingSteps.get(runId) ?? []) step.stop(reason);
}

/** Hands every executing step back at shutdown: each goes back to pending and runs after restart. */
export function abortAllSteps(engine: EngineContext): void {
  const reason = new AppError({
    code: 'CANCELED',
    retryable: true,
    message: 'The engine stopped before the step finished; it runs again after the restart',
  });
  for (const steps of engine.executingSteps.values()) {
    for (const step of steps) step.stop(reason);
  }
}
