import { aiPromptVersion } from '@tandem/nodes';
import type {
  AiGenerateConfig,
  JsonValue,
  NodeRunContext,
  NodeRunResult,
  PromptGuidance,
  PublisherPort,
  UpstreamStep,
} from '@tandem/nodes';
import { AppError } from '@tandem/schema';
import type { Step } from '@tandem/schema';
import type { EngineContext, RunSnapshot } from './engine-context.js';

/** The publisher every step but a publish step gets. */
export const noPublishing: PublisherPort = {
  publish: () =>
    Promise.reject(
      new AppError({
        code: 'FORBIDDEN',
        origin: 'user',
        message: 'Only publish steps may publish',
      }),
    ),
};

/** Past this depth a value goes through JSON anyway, which also refuses a cycle. */
const PLAIN_CHECK_DEPTH = 64;

/**
 * Whether JSON would keep `value` exactly as it is: no undefined, Date, NaN, -0, class, hole,
 * and no `toJSON` (own, inherited or hidden) that would make JSON write something else.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth >= PLAIN_CHECK_DEPTH || 'toJSON' in value) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) return false;
    for (let i = 0; i < value.length; i += 1) {
      if (!isPlainJson(value[i], depth + 1)) return false;
    }
    return true;
  }
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * Step outputs are stored as plain data: anything JSON would change (an undefined field, a
 * Date) goes through JSON first. Most outputs already are plain and are kept as they are (the
 * store writes a copy of its own), which saves a stringify and a parse per finished step.
 */
function plain(value: JsonValue): JsonValue {
  return isPlainJson(value, 0) ? value : (JSON.parse(JSON.stringify(value)) as JsonValue);
}

/** `step` finished with a node's (or a checkpoint's) `done` result, at `now`. */
export function finishedStep(
  step: Step,
  result: Extract<NodeRunResult, { kind: 'done' }>,
  now: string,
): Step {
  return {
    ...step,
    status: 'done',
    output: plain(result.output),
    handle: result.handle ?? null,
    endedAt: now,
  };
}

/** Outputs of finished steps by node id, for `{{ steps.<id> }}` and branch rules. */
export function stepOutputs(snapshot: RunSnapshot): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const [nodeId, step] of snapshot.latest) {
    if (step.status === 'done') outputs[nodeId] = step.output;
  }
  return outputs;
}

export function upstreamSteps(snapshot: RunSnapshot, nodeId: string): UpstreamStep[] {
  const result: UpstreamStep[] = [];
  for (const { nodeId: id, distance } of snapshot.prepared.ancestors.get(nodeId) ?? []) {
    const step = snapshot.latest.get(id);
    if (step?.status !== 'done') continue;
    result.push({ nodeId: id, type: step.type, output: step.output, distance });
  }
  return result;
}

export async function buildNodeContext(
  engine: EngineContext,
  snapshot: RunSnapshot,
  step: Step,
  publisher: PublisherPort,
): Promise<NodeRunContext<unknown>> {
  const { run, prepared } = snapshot;
  const node = prepared.index.nodes.get(step.nodeId)!;
  const definition = prepared.definitions.get(step.nodeId)!;
  const config = prepared.configs.get(step.nodeId);
  let guidance: PromptGuidance | undefined;
  const wantsGuidance =
    definition.type === 'ai.generate' &&
    (config as { learnFromFeedback?: boolean }).learnFromFeedback;
  if (wantsGuidance && engine.options.guidance) {
    guidance = await engine.options.guidance({
      flowId: run.flowId,
      nodeId: step.nodeId,
      promptVersion: aiPromptVersion(config as AiGenerateConfig),
      store: engine.store,
    });
  }
  const revision = step.state.revision as { note: string; previous: unknown } | undefined;
  return {
    config,
    node: { id: node.id, type: node.type, ...(node.label ? { label: node.label } : {}) },
    run: {
      id: run.id,
      flowId: run.flowId,
      flowVersionId: run.flowVersionId,
      startedBy: run.startedBy,
      ...(run.test ? { test: true } : {}),
    },
    input: run.input,
    steps: stepOutputs(snapshot),
    upstream: upstreamSteps(snapshot, step.nodeId),
    brand: await engine.brandKit(),
    llm: engine.llm,
    publisher,
    clock: engine.clock,
    logger: engine.logger,
    attempt: step.attempts,
    iteration: step.iteration,
    ...(revision ? { revision } : {}),
    ...(guidance ? { guidance } : {}),
  };
}
