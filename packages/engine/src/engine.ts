import type { Engine, EngineOptions } from './engine.types.js';
import { createEngineContext } from './engine-context.js';
import { createRunExecutor } from './run-executor.js';
import { createCheckpointOpener } from './checkpoint.js';
import { createTaskActions } from './task-actions.js';
import { createDueTimers } from './due-timers.js';
import { createScheduler } from './scheduler.js';
import { createRunsService } from './runs.service.js';
import { createAutomationService } from './automation.service.js';
import { createFlowPublisher } from './flow-publish.js';
import { createPublicationReplay } from './publication-replay.js';
import { abortAllSteps } from './step-abort.js';
import type { QueueJob } from './queue/queue.port.js';

/** The durable flow engine: one per process, over one store and the ports it is given. */
export function createEngine(options: EngineOptions): Engine {
  const engine = createEngineContext(options);
  const executor = createRunExecutor(engine, createCheckpointOpener(engine));
  const tasks = createTaskActions(engine, executor);
  const timers = createDueTimers(engine, executor);
  const scheduler = createScheduler(engine, timers);
  const runs = createRunsService(engine, executor);
  const automation = createAutomationService(engine);
  const flows = createFlowPublisher(engine);
  const replay = createPublicationReplay(engine, executor);
  const queue = engine.queue;
  let stopTakingJobs: (() => Promise<void>) | null = null;

  if (queue) {
    // Durable timers become delayed jobs, so whichever worker is free fires them on time;
    // firing stays a revision-checked write, so a timer seen by several processes fires once.
    engine.wake = (at) => {
      const ms = Date.parse(at);
      void queue
        .enqueue(
          { kind: 'timers' },
          { id: `timers-${ms}`, delayMs: Math.max(0, ms - engine.clock.now().getTime()) },
        )
        .catch((error) =>
          engine.logger.error('timer enqueue failed', { at, error: String(error) }),
        );
    };
  }

  async function handleJob(job: QueueJob): Promise<void> {
    if (job.kind === 'step') await executor.runJob(job.runId, job.stepId);
    else await engine.work.track(timers.fireDue());
  }

  async function idle(): Promise<void> {
    // Finishing work can start more (a step's end advances its run), so wait for a quiet turn.
    for (;;) {
      await engine.work.idle();
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (engine.work.pending === 0) return;
    }
  }

  return {
    startRun: runs.startRun,
    cancelRun: runs.cancelRun,
    recover: runs.recover,
    decide: tasks.decide,
    claimTask: tasks.claimTask,
    releaseTask: tasks.releaseTask,
    canDecide: tasks.canDecide,
    publishFlow: flows.publishFlow,
    publishDraft: flows.publishDraft,
    getAutomation: automation.getAutomation,
    setAutomation: automation.setAutomation,
    replayPublication: replay.replayPublication,
    tick: async () => {
      await engine.work.track(timers.fireDue());
    },
    start() {
      scheduler.start();
      if (queue && !stopTakingJobs) {
        stopTakingJobs = queue.process(handleJob, {
          concurrency: engine.limits.maxConcurrentSteps,
        });
      }
    },
    stop: async (options = {}) => {
      await scheduler.stop();
      const stopping = stopTakingJobs;
      stopTakingJobs = null;
      await stopping?.();
      let timer: unknown = null;
      const graceOver = new Promise<'grace over'>((resolve) => {
        timer = engine.timers.setTimeout(() => resolve('grace over'), options.graceMs ?? 10_000);
      });
      const outcome = await Promise.race([idle().then(() => 'idle' as const), graceOver]);
      engine.timers.clearTimeout(timer);
      if (outcome === 'grace over') {
        abortAllSteps(engine);
        await idle();
      }
    },
    idle,
    on(listener) {
      engine.listeners.add(listener);
      return () => engine.listeners.delete(listener);
    },
  };
}
