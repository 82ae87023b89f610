import type { AnyNodeDefinition, NodeRunResult, UpstreamStep } from '../core/define-node.js';
import { getNodeDefinition } from '../catalog.js';
import { nodeContext } from './node-context.js';

/** Shorthands the node tests share: a definition, a parsed config, an upstream AI step, a run. */
export const def = (type: string): AnyNodeDefinition => getNodeDefinition(type)!;
export const config = (type: string, raw: Record<string, unknown> = {}) =>
  def(type).configSchema.parse(raw);
export const aiStep = (text: string, extra: Record<string, unknown> = {}): UpstreamStep => ({
  nodeId: 'draft',
  type: 'ai.generate',
  output: { text, model: 'm', promptVersion: 'pv_1', ...extra },
  distance: 1,
});

/** Runs a node with a parsed config over a test context. */
export async function run(
  type: string,
  raw: Record<string, unknown>,
  overrides: Parameters<typeof nodeContext>[1] = {},
) {
  const ctx = nodeContext(config(type, raw), overrides);
  const result = (await def(type).run(ctx)) as NodeRunResult;
  return {
    ctx,
    result,
    output: result.kind === 'done' ? (result.output as Record<string, unknown>) : null,
  };
}

/** The error a promise rejects with; throws when it resolves. */
export async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}
