/* The decision phase of the push benchmark: approve each task in turn, time the next step. */
import type { IncomingMessage } from 'node:http';
import type { BenchServer } from './bench-server.js';
import type { watchEngine } from './engine-watch.js';

export interface DecisionFigures {
  toNextStep: number[];
  /** Of each decision → next step interval, the time the loop spent fanning out events. */
  pushInPath: number[];
  toStoredStart: number[];
  /** Decision request sent → the server's `request` event (client, kernel, a busy loop). */
  toArrival: number[];
  /** The server's `request` event → next step running: the server's own path. */
  arrivalToNextStep: number[];
  roundTrip: number[];
  startedBeforeResponse: number;
  missing: number;
  failures: string[];
}

/** Approves each task in turn and times the step after the checkpoint. */
export async function decideAll(
  server: BenchServer,
  watch: ReturnType<typeof watchEngine>,
  runIds: string[],
  token: string,
): Promise<DecisionFigures> {
  const figures: DecisionFigures = {
    toNextStep: [],
    pushInPath: [],
    toStoredStart: [],
    toArrival: [],
    arrivalToNextStep: [],
    roundTrip: [],
    startedBeforeResponse: 0,
    missing: 0,
    failures: [],
  };
  const sentWall = new Map<string, number>();
  // When each decision request reaches the server, before Express sees it.
  let arrivedAt: number | undefined;
  const onRequest = (req: IncomingMessage) => {
    if (req.url?.endsWith('/decision')) arrivedAt = performance.now();
  };
  server.app.httpServer.prependListener('request', onRequest);
  for (const runId of runIds) {
    const task = watch.tasks.get(runId);
    if (!task) {
      figures.missing += 1;
      continue;
    }
    let nextStepAt: number | undefined;
    let pushedBeforeNext = 0;
    const next = new Promise<number | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 15_000);
      watch.nextStepWaiters.set(runId, (at) => {
        clearTimeout(timer);
        nextStepAt = at;
        pushedBeforeNext = watch.pushTotal.ms;
        resolve(at);
      });
    });
    const pushedBefore = watch.pushTotal.ms;
    arrivedAt = undefined;
    sentWall.set(runId, Date.now());
    const sent = performance.now();
    try {
      await server.api.call('POST', `/api/tasks/${task.taskId}/decision`, token, {
        action: 'approve',
      });
    } catch (error) {
      figures.failures.push(String(error).slice(0, 200));
    }
    const answered = performance.now();
    figures.roundTrip.push(answered - sent);
    if (nextStepAt !== undefined) figures.startedBeforeResponse += 1;
    const at = await next;
    watch.nextStepWaiters.delete(runId);
    if (at === undefined) figures.missing += 1;
    else {
      figures.toNextStep.push(at - sent);
      if (arrivedAt !== undefined) {
        figures.toArrival.push(arrivedAt - sent);
        figures.arrivalToNextStep.push(at - arrivedAt);
      }
      figures.pushInPath.push(pushedBeforeNext - pushedBefore);
    }
  }
  server.app.httpServer.off('request', onRequest);
  for (const runId of runIds) {
    const steps = await server.app.store.steps.listByRun(runId);
    const publish = steps.find((s) => s.nodeId === 'publish');
    const sent = sentWall.get(runId);
    if (publish?.startedAt && sent !== undefined) {
      figures.toStoredStart.push(Date.parse(publish.startedAt) - sent);
    }
  }
  return figures;
}
