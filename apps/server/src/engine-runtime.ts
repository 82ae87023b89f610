import type { StorePort } from '@tandem/schema';
import type { Clock, LlmPort, Logger, PublisherPort } from '@tandem/nodes';
import { createEngine, createLearningGuidance } from '@tandem/engine';
import type { Engine, EngineOptions, QueuePort } from '@tandem/engine';
import type { AuditService } from './audit/audit.service.js';
import type { Config } from './config/config.js';
import { createPorts } from './config/ports.js';
import type { Ports } from './config/ports.js';
import { createConnectionsService } from './connections/connections.service.js';
import type { ConnectionsService } from './connections/connections.service.js';
import { createScheduleRunner } from './schedules/schedule-runner.js';
import type { ScheduleRunner } from './schedules/schedule-runner.js';

export interface EngineRuntime {
  engine: Engine;
  ports: Ports;
  connections: ConnectionsService;
  /** Started and stopped with the engine, by the processes that execute runs. */
  schedules: ScheduleRunner;
}

/**
 * The engine and the ports it runs on, built the same way by every process role (all-in-one,
 * server, worker), so a worker publishes and learns exactly as a single process does.
 */
export function createEngineRuntime(deps: {
  config: Config;
  store: StorePort;
  logger: Logger;
  clock: Clock;
  audit: AuditService;
  queue: QueuePort | undefined;
  overrides: { llm?: LlmPort; publisher?: PublisherPort; engineLimits?: EngineOptions['limits'] };
}): EngineRuntime {
  const { config, store, logger, clock, audit, queue, overrides } = deps;
  // The publisher reports gone targets to the connections service, which needs the publisher's
  // options for its connection tests: one of them has to be bound late.
  const late: { connections?: ConnectionsService } = {};
  const ports = createPorts({
    config,
    store,
    logger,
    clock,
    overrides,
    onConnectionGone: async (id, reason) => late.connections?.disable(id, reason),
  });
  const connections = createConnectionsService({
    store,
    clock,
    audit,
    secretBox: ports.secretBox,
    allowPrivateNetwork: config.allowPrivateNetwork,
    publisherOptions: ports.publisherOptions,
    // An LLM endpoint added in Settings answers the next AI step, not one 10 s later.
    onChanged: () => ports.llm.connectionsChanged(),
    testLlmEndpoint: (connection) => ports.llm.testEndpoint(connection),
  });
  late.connections = connections;
  const engine = createEngine({
    ...(queue ? { queue } : {}),
    store,
    llm: ports.llm,
    publisher: ports.publisher,
    clock,
    logger,
    // Approved examples and accepted corrections are fed back into later AI calls.
    guidance: createLearningGuidance(),
    ...(overrides.engineLimits ? { limits: overrides.engineLimits } : {}),
  });
  const schedules = createScheduleRunner({ store, engine, clock, audit, logger });
  return { engine, ports, connections, schedules };
}
