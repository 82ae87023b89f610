import { isAppError } from '@tandem/schema';
import type { Task } from '@tandem/schema';
import { isBlockingFlag } from '@tandem/nodes';
import type {
  AnyNodeDefinition,
  CheckpointDecision,
  CheckpointRequest,
  HumanReviewConfig,
  JsonValue,
  NodeRunContext,
} from '@tandem/nodes';
import { chooseCheckpointPath, type CheckpointPath } from './automation-policy.js';
import { effectiveAutomation, type EffectiveAutomation } from './automation-settings.js';
import type { EngineContext, RunSnapshot } from './engine-context.js';
import { finishedStep } from './step-context.js';
import type { Step } from '@tandem/schema';

/** What a checkpoint step keeps in `state` while its task is open. */
export interface CheckpointState {
  taskId: string;
  flagged: boolean;
  sampled: boolean;
  onDue: CheckpointRequest['onDue'];
  escalateTo: CheckpointRequest['escalateTo'];
  maxRevisions: number;
  original: string;
}

export function checkpointState(step: Step): CheckpointState | null {
  const state = step.state as Partial<CheckpointState>;
  return typeof state.taskId === 'string' ? (state as CheckpointState) : null;
}

/**
 * A test run's checkpoint asks its starter alone: one approval, which they may give to their
 * own run, no due time (so no escalation), and nobody else's inbox.
 */
function forTestRun(request: CheckpointRequest, startedBy: string): CheckpointRequest {
  return {
    ...request,
    assignees: { roles: [], userIds: [startedBy] },
    requiredApprovals: 1,
    separationOfDuties: false,
    dueInMinutes: null,
  };
}

function buildTask(
  engine: EngineContext,
  snapshot: RunSnapshot,
  step: Step,
  asked: CheckpointRequest,
  kind: Task['kind'],
): Task {
  const now = engine.now();
  const { test, startedBy } = snapshot.run;
  const request = test && startedBy ? forTestRun(asked, startedBy) : asked;
  return {
    id: engine.newId('task'),
    runId: snapshot.run.id,
    flowId: snapshot.run.flowId,
    nodeId: step.nodeId,
    stepId: step.id,
    kind,
    status: 'open',
    title: request.title,
    instructions: request.instructions,
    content: request.content,
    editable: request.editable,
    flags: request.flags,
    assignees: request.assignees,
    requiredApprovals: request.requiredApprovals,
    approvals: [],
    startedBy: snapshot.run.startedBy,
    separationOfDuties: request.separationOfDuties,
    round: step.iteration,
    dueAt:
      kind === 'blocking' && request.dueInMinutes !== null
        ? new Date(engine.clock.now().getTime() + request.dueInMinutes * 60_000).toISOString()
        : null,
    escalatedAt: null,
    claimedBy: null,
    claimedAt: null,
    decision: null,
    createdAt: now,
    updatedAt: now,
    decidedAt: null,
    ...(test ? { test: true as const } : {}),
    revision: 0,
  };
}

export async function createTask(engine: EngineContext, task: Task): Promise<Task> {
  const saved = await engine.store.tasks.create(task);
  engine.emit({ type: 'task.created', task: saved });
  if (saved.dueAt) engine.wake(saved.dueAt);
  return saved;
}

/** A task this step already opened before a crash, so recovery does not open a second one. */
async function existingTask(
  engine: EngineContext,
  step: Step,
  kind: Task['kind'] = 'blocking',
): Promise<Task | null> {
  const page = await engine.store.tasks.list({
    runId: step.runId,
    nodeId: step.nodeId,
    limit: 100,
  });
  return page.items.find((t) => t.stepId === step.id && t.kind === kind) ?? null;
}

interface CheckpointSetup {
  definition: AnyNodeDefinition;
  automation: EffectiveAutomation;
  flagged: boolean;
  baseState: Record<string, JsonValue>;
}

/** Automation settings read during a pass, by checkpoint: see automationOf. */
const readInPass = new WeakMap<RunSnapshot, Map<string, Promise<EffectiveAutomation>>>();

/**
 * The checkpoint's automation as of this pass: its stored setting over its config's defaults,
 * read once per pass (snapshot). The pass first asks whether the checkpoint can be decided
 * inline (`automationIfAuto`); below `auto` the checkpoint then opens on the same snapshot, and
 * reading the setting again gave it nothing new.
 */
function automationOf(
  engine: EngineContext,
  snapshot: RunSnapshot,
  nodeId: string,
): Promise<EffectiveAutomation> {
  let byNode = readInPass.get(snapshot);
  if (byNode === undefined) {
    byNode = new Map();
    readInPass.set(snapshot, byNode);
  }
  let automation = byNode.get(nodeId);
  if (automation === undefined) {
    const config = snapshot.prepared.configs.get(nodeId) as HumanReviewConfig;
    automation = effectiveAutomation(engine, snapshot.run.flowId, nodeId, config);
    byNode.set(nodeId, automation);
  }
  return automation;
}

function setUp(
  automation: EffectiveAutomation,
  step: Step,
  request: CheckpointRequest,
  snapshot: RunSnapshot,
): CheckpointSetup {
  const definition = snapshot.prepared.definitions.get(step.nodeId)!;
  const flagged = request.flags.some(isBlockingFlag);
  const baseState = {
    flagged,
    onDue: request.onDue,
    escalateTo: request.escalateTo,
    maxRevisions: request.maxRevisions,
    original: request.content.text ?? '',
    level: automation.level,
  };
  return { definition, automation, flagged, baseState };
}

/** The checkpoint's step, finished: the item passed without a human, for `reason`. */
function passedStep(
  engine: EngineContext,
  setup: CheckpointSetup,
  step: Step,
  request: CheckpointRequest,
  ctx: NodeRunContext<unknown>,
  path: { reason: string; spotCheck: boolean },
  spotTaskId: string | null,
): Step {
  const decision: CheckpointDecision = {
    action: 'approve',
    actorId: 'system',
    auto: { level: setup.automation.level, reason: path.reason },
  };
  const result = setup.definition.resume!(ctx, { decision, content: request.content });
  if (result.kind !== 'done') throw new Error('A checkpoint resume must finish the step');
  return {
    ...finishedStep(step, result, engine.now()),
    state: {
      ...setup.baseState,
      sampled: path.spotCheck,
      passed: path.reason,
      ...(spotTaskId ? { spotTaskId } : {}),
    },
  };
}

/**
 * This checkpoint's automation when it now stands at `auto`, else null (a lock always means
 * review_all). At auto it
 * passes whatever the item, with no task and no random draw, so the engine can decide it
 * within its pass (`passAtAuto`); at any other level the usual path decides, drawing for
 * sampling exactly once.
 */
export async function automationIfAuto(
  engine: EngineContext,
  snapshot: RunSnapshot,
  nodeId: string,
): Promise<EffectiveAutomation | null> {
  const automation = await automationOf(engine, snapshot, nodeId);
  return automation.level === 'auto' ? automation : null;
}

/** The finished step of a checkpoint at `auto` (from `automationIfAuto`), not yet saved. */
export function passAtAuto(
  engine: EngineContext,
  automation: EffectiveAutomation,
  step: Step,
  request: CheckpointRequest,
  snapshot: RunSnapshot,
  ctx: NodeRunContext<unknown>,
): Step {
  const setup = setUp(automation, step, request, snapshot);
  const path = chooseCheckpointPath({ ...automation, flagged: setup.flagged, random: () => 1 });
  if (path.kind !== 'pass' || path.spotCheck) throw new Error('A checkpoint at auto must pass');
  return passedStep(engine, setup, step, request, ctx, path, null);
}

/** How a checkpoint writes its step, which may not be written yet (see UnwrittenStarts). */
export interface CheckpointStepWrites {
  /** Writes the step as it started if it is not written yet: a task names its step. */
  beforeTask(): Promise<void>;
  /** Writes the step's next state, creating it if it was never written. */
  save(step: Step): Promise<Step>;
}

/**
 * A checkpoint was reached: apply the automation level. Either the item passes (recorded with
 * the reason, maybe with an after-the-fact spot-check task) or a blocking task holds the run.
 * An item that passes without any task is written once, already passed.
 */
export function createCheckpointOpener(engine: EngineContext) {
  return async function openCheckpoint(
    step: Step,
    request: CheckpointRequest,
    snapshot: RunSnapshot,
    ctx: NodeRunContext<unknown>,
    writes: CheckpointStepWrites,
  ): Promise<void> {
    const automation = await automationOf(engine, snapshot, step.nodeId);
    const setup = setUp(automation, step, request, snapshot);
    const { flagged, baseState } = setup;
    // A step run again after a crash may have opened its task already. That task holds the
    // item whatever a new draw says: drawn again, a sampled item passed and went out unreviewed
    // while its task stayed open in the inbox for good, deciding nothing. A spot check opened
    // before is kept the same way (drawn again, the item got a second one, or none).
    const again = step.attempts > 1;
    const opened = again ? await existingTask(engine, step) : null;
    const spotOpened = again && !opened ? await existingTask(engine, step, 'spot_check') : null;
    const drawn = chooseCheckpointPath({
      ...automation,
      flagged,
      random: opened || spotOpened ? () => 0 : engine.random,
    });
    const path: CheckpointPath =
      opened && drawn.kind === 'pass'
        ? { kind: 'task', sampled: !flagged, reason: 'Its review was opened before a restart' }
        : drawn;

    if (path.kind === 'pass') {
      let spotTaskId: string | null = null;
      if (path.spotCheck) {
        await writes.beforeTask();
        const spot =
          spotOpened ??
          (await createTask(engine, buildTask(engine, snapshot, step, request, 'spot_check')));
        spotTaskId = spot.id;
      }
      await writes.save(passedStep(engine, setup, step, request, ctx, path, spotTaskId));
      return;
    }

    await writes.beforeTask();
    let task = opened ?? (await existingTask(engine, step));
    if (!task) {
      try {
        task = await createTask(engine, buildTask(engine, snapshot, step, request, 'blocking'));
      } catch (error) {
        if (!isAppError(error, 'CONFLICT')) throw error;
        task = await existingTask(engine, step);
        if (!task) throw error;
      }
    }
    const state: Record<string, JsonValue> = {
      ...baseState,
      taskId: task.id,
      sampled: path.sampled,
      reason: path.reason,
    };
    await writes.save({ ...step, status: 'waiting', state, error: null });
  };
}
