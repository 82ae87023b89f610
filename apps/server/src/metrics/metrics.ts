import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineEvent, StorePort } from '@tandem/schema';
import type { QueuePort } from '@tandem/engine';

export interface MetricsSources {
  /** The shared queue, when there is one (REDIS_URL). */
  queue?: QueuePort;
  /**
   * Server roles report open tasks, a store-wide figure every server reports alike (aggregate
   * it with max, not sum); workers leave it out.
   */
  store?: StorePort;
  /** Sockets connected to this process. */
  sockets?: () => { total: number; reviewers: number };
}

export interface Metrics {
  registry: Registry;
  /** Counts what this process's engine did; each event is emitted by exactly one process. */
  observe(event: EngineEvent): void;
}

/** Beyond this many open tasks the gauge stops counting (one scrape must stay cheap). */
const OPEN_TASK_PAGES = 20;

/** One registry per process role; Prometheus sums the processes. */
export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tandem_process_' });

  const { queue, store, sockets } = sources;
  if (queue) {
    new Gauge({
      name: 'tandem_queue_jobs',
      help: 'Jobs in the shared step queue by state',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        const counts = await queue.counts();
        for (const [state, value] of Object.entries(counts)) this.set({ state }, value);
      },
    });
  }
  const stepSeconds = new Histogram({
    name: 'tandem_step_duration_seconds',
    help: 'Time from a step starting to its end, by node type and outcome',
    labelNames: ['type', 'status'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600, 86_400],
    registers: [registry],
  });
  const publications = new Counter({
    name: 'tandem_publications_total',
    help: 'Publish outcomes by channel: succeeded, failed (retried) or dead',
    labelNames: ['channel', 'status'],
    registers: [registry],
  });
  if (store) {
    new Gauge({
      name: 'tandem_open_tasks',
      help: 'Review tasks waiting for a decision',
      registers: [registry],
      async collect() {
        let count = 0;
        let cursor: string | undefined;
        for (let page = 0; page < OPEN_TASK_PAGES; page += 1) {
          // A designer's test run waits on its designer, not on the review team.
          const result = await store.tasks.list({
            status: ['open'],
            test: false,
            limit: 500,
            ...(cursor ? { cursor } : {}),
          });
          count += result.items.length;
          cursor = result.nextCursor;
          if (!cursor) break;
        }
        this.set(count);
      },
    });
  }
  if (sockets) {
    new Gauge({
      name: 'tandem_connected_sockets',
      help: 'Live sockets on this server process',
      registers: [registry],
      collect() {
        this.set(sockets().total);
      },
    });
    new Gauge({
      name: 'tandem_connected_reviewers',
      help: 'Live sockets of users with the reviewer role on this server process',
      registers: [registry],
      collect() {
        this.set(sockets().reviewers);
      },
    });
  }

  return {
    registry,
    observe(event) {
      if (event.type === 'step.updated') {
        const { step } = event;
        if ((step.status !== 'done' && step.status !== 'failed') || !step.startedAt) return;
        if (!step.endedAt) return;
        const seconds = (Date.parse(step.endedAt) - Date.parse(step.startedAt)) / 1000;
        stepSeconds.observe({ type: step.type, status: step.status }, Math.max(0, seconds));
      } else if (event.type === 'publication.updated') {
        const { status, channel } = event.publication;
        if (status === 'sending') return;
        publications.inc({ channel, status });
      }
    },
  };
}
