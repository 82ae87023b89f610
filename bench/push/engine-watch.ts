/* What the push benchmark watches inside the server: engine events and each real fan-out. */
import type { EngineEvent } from '@tandem/schema';
import type { BenchServer } from './bench-server.js';

/** Watches the engine's events in-process (listeners run after the server's own push). */
export function watchEngine(server: BenchServer) {
  const tasks = new Map<string, { taskId: string; createdAt: string; pushedAtWall?: number }>();
  const nextStepWaiters = new Map<string, (at: number) => void>();
  const pushCost: Record<string, number[]> = {};
  /** CPU time (user, system) of each fan-out: what it costs apart from waiting for a core. */
  const pushCpu: Record<string, { user: number[]; system: number[] }> = {};
  const payloadBytes: Record<string, number> = {};
  /** Running total of time spent fanning events out, to split the decision path. */
  const pushTotal = { ms: 0 };
  const unsubscribe = server.app.engine.on((event: EngineEvent) => {
    if (event.type === 'task.created') {
      tasks.set(event.task.runId, { taskId: event.task.id, createdAt: event.task.createdAt });
    } else if (
      event.type === 'step.updated' &&
      event.step.nodeId === 'publish' &&
      event.step.status === 'running'
    ) {
      nextStepWaiters.get(event.step.runId)?.(performance.now());
    }
  });
  // realtime.push queues an event; the fan-out (encode once, write a frame per socket in the
  // room) runs once the work that raised it yields, as io.to(rooms).emit. Timing that emit
  // gives the cost of one fan-out and when it was written.
  const io = server.app.realtime.io;
  const to = io.to.bind(io);
  io.to = (room) => {
    const operator = to(room);
    const emit = operator.emit.bind(operator) as (type: string, event: EngineEvent) => boolean;
    (operator as { emit: typeof emit }).emit = (type, event) => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const sent = emit(type, event);
      const used = process.cpuUsage(cpu);
      const spent = performance.now() - started;
      const cpuOf = (pushCpu[type] ??= { user: [], system: [] });
      cpuOf.user.push(used.user / 1000);
      cpuOf.system.push(used.system / 1000);
      pushTotal.ms += spent;
      (pushCost[type] ??= []).push(spent);
      payloadBytes[type] ??= Buffer.byteLength(JSON.stringify(event));
      if (event.type === 'task.created') {
        const task = tasks.get(event.task.runId);
        if (task) task.pushedAtWall = Date.now();
      }
      return sent;
    };
    return operator;
  };
  // The only caller of fetchSockets (io.fetchSockets / io.local.fetchSockets, both through the
  // main namespace's adapter) is the periodic session sweep, which then re-authenticates every
  // socket; a setImmediate queued when the adapter answers runs once the loop is free again,
  // which times how long the sweep holds the event loop.
  const sweeps: { at: number; ms: number }[] = [];
  const adapter = io.of('/').adapter;
  const fetchSockets = adapter.fetchSockets.bind(adapter);
  adapter.fetchSockets = (opts) => {
    const started = performance.now();
    return fetchSockets(opts).then((found) => {
      setImmediate(() => sweeps.push({ at: started, ms: performance.now() - started }));
      return found;
    });
  };
  return {
    tasks,
    nextStepWaiters,
    pushCost,
    pushCpu,
    payloadBytes,
    pushTotal,
    sweeps,
    unsubscribe,
  };
}
