import type { EngineEvent } from '@tandem/schema';
import { publicationForReaders } from '../publications/publication-view.js';
import { runForReaders, stepForReaders } from '../runs/run-view.js';

/*
 * Who hears which engine event. Clients never choose rooms: the server joins each socket to
 * `user:<id>` and `role:<role>` at connect, and to `run:<id>` / `flow:<id>` only after a
 * permitted subscribe. Task events go to the people who may decide them and to run and flow
 * watchers (the automation console watches its flow: each decision changes the evidence; a
 * test run's tasks, which change no evidence, skip the flow's watchers);
 * run events to run viewers (designers and managers, whose runs list follows every run), admins
 * and watchers; step events to designers, admins and watchers; automation and a flow's new
 * version (which may change its checkpoints) to managers, admins and the flow's watchers;
 * publications to run viewers and admins only; suggestions to those who may read them
 * (GET /api/suggestions: managers, designers, admins) and the flow's watchers.
 */
export function roomsFor(event: EngineEvent): string[] {
  switch (event.type) {
    case 'task.created':
    case 'task.updated': {
      const { task } = event;
      const deciders = [
        ...task.assignees.roles.map((r) => `role:${r}`),
        ...task.assignees.userIds.map((id) => `user:${id}`),
        `run:${task.runId}`,
      ];
      // A test run's task is its starter's alone and never enters the evidence, so the flow's
      // watchers (the automation console) have nothing to reload for it.
      return task.test ? deciders : [...deciders, `flow:${task.flowId}`];
    }
    case 'run.updated':
      return [
        'role:designer',
        'role:manager',
        'role:admin',
        `run:${event.run.id}`,
        `flow:${event.run.flowId}`,
      ];
    case 'step.updated':
      return ['role:designer', 'role:admin', `run:${event.step.runId}`, `flow:${event.flowId}`];
    case 'automation.updated':
      return ['role:manager', 'role:admin', `flow:${event.setting.flowId}`];
    // Scoped as automation.updated: the automation console is what reloads on it.
    case 'flow.published':
      return ['role:manager', 'role:admin', `flow:${event.flowId}`];
    // Run viewers only, as GET /api/publications: a run's room also holds reviewers with a
    // task in it, and every run or flow watcher allowed to see publications is in these rooms.
    case 'publication.updated':
      return ['role:designer', 'role:manager', 'role:admin'];
    case 'suggestion.updated':
      return ['role:designer', 'role:manager', 'role:admin', `flow:${event.suggestion.flowId}`];
  }
}

/** The names a client can listen for; the OpenAPI document lists exactly these (openapi.test.ts). */
export const PUSHED_EVENTS = [
  'task.created',
  'task.updated',
  'run.updated',
  'step.updated',
  'automation.updated',
  'flow.published',
  'publication.updated',
  'suggestion.updated',
] as const satisfies readonly EngineEvent['type'][];

/**
 * An engine event as clients receive it: publications, runs and steps as the REST views show
 * them (addresses masked), and steps without the engine's private state (task ids, revision
 * notes, who replayed), which the run page's REST view leaves out too and no client reads.
 */
export function eventForClients(event: EngineEvent): EngineEvent {
  if (event.type === 'publication.updated') {
    return { ...event, publication: publicationForReaders(event.publication) };
  }
  if (event.type === 'step.updated') {
    return { ...event, step: { ...stepForReaders(event.step), state: {} } };
  }
  if (event.type === 'run.updated') return { ...event, run: runForReaders(event.run) };
  return event;
}
