import type { Flag } from '@tandem/schema';
import type { NodeRunContext, OutputFieldSpec, UpstreamStep } from './define-node.js';

/** The variables every template sees: `input`, `steps.<nodeId>`, `brand`. */
export function templateScope(ctx: NodeRunContext<unknown>): Record<string, unknown> {
  return { input: ctx.input, steps: ctx.steps, brand: ctx.brand ?? {} };
}

export interface ContentRef {
  text: string;
  data?: unknown;
  nodeId: string;
  type: string;
  promptVersion?: string;
  model?: string;
  /** Set when a human (or the policy) approved this content at a checkpoint. */
  contentHash?: string;
  /** The AI step the content came from, also through earlier checkpoints. */
  sourceNodeId?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads reviewable content out of a step output: `text`, or `data` shown as JSON. */
export function contentOf(step: UpstreamStep): ContentRef | null {
  const output = step.output;
  if (!isRecord(output)) return null;
  const base = {
    nodeId: step.nodeId,
    type: step.type,
    ...(typeof output.promptVersion === 'string' ? { promptVersion: output.promptVersion } : {}),
    ...(typeof output.model === 'string' ? { model: output.model } : {}),
    ...(typeof output.contentHash === 'string' ? { contentHash: output.contentHash } : {}),
    ...(step.type === 'ai.generate'
      ? { sourceNodeId: step.nodeId }
      : typeof output.sourceNodeId === 'string'
        ? { sourceNodeId: output.sourceNodeId }
        : {}),
  };
  if (typeof output.text === 'string') {
    return {
      ...base,
      text: output.text,
      ...(output.data !== undefined ? { data: output.data } : {}),
    };
  }
  if (output.data !== undefined && output.data !== null) {
    return { ...base, text: JSON.stringify(output.data, null, 2), data: output.data };
  }
  return null;
}

/**
 * The content a node works on: the named node's output, else the nearest upstream step of the
 * given types that produced content.
 */
export function findContent(
  ctx: NodeRunContext<unknown>,
  options: { nodeId?: string; types: readonly string[] },
): ContentRef | null {
  if (options.nodeId) {
    const step = ctx.upstream.find((s) => s.nodeId === options.nodeId);
    return step ? contentOf(step) : null;
  }
  for (const step of ctx.upstream) {
    if (!options.types.includes(step.type)) continue;
    const content = contentOf(step);
    if (content) return content;
  }
  return null;
}

/** Flags raised by upstream check steps, each naming the check that raised it. */
export function upstreamFlags(ctx: NodeRunContext<unknown>): Flag[] {
  const flags: Flag[] = [];
  for (const step of ctx.upstream) {
    if (!step.type.startsWith('check.') || !isRecord(step.output)) continue;
    const list = step.output.flags;
    if (!Array.isArray(list)) continue;
    for (const flag of list as Flag[]) flags.push({ ...flag, nodeId: step.nodeId });
  }
  return flags;
}

/** Info-level notes do not hold content back; warnings and errors do. */
export function isBlockingFlag(flag: Pick<Flag, 'severity'>): boolean {
  return flag.severity !== 'info';
}

/** What a check step returns (`check.brand`, and `check.budget` before its own additions). */
export const CHECK_OUTPUT_FIELDS: readonly OutputFieldSpec[] = [
  { key: 'passed', description: 'True when no blocking flag' },
  { key: 'score', description: 'Check score' },
  { key: 'flags', description: 'Problems found' },
  { key: 'checkedNodeId', description: 'The step whose content was checked' },
];
