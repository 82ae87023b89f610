import type { StepStatus } from '@tandem/schema';
import type { TandemNode } from './flow-graph.js';
import type { NodeTypeMap } from './node-catalog.js';
import { stepStatusLabel } from '../../runs/run-view.js';

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * What a screen reader says of each step card when it gets the focus, by node id: its name, its
 * kind, its problems and its state in the test run ("Draft the post, AI write step, 1 problem").
 * React Flow names a focused card by its text otherwise, which read the title twice and the
 * warning badge as "exclamation mark".
 */
export function stepLabels(
  nodes: readonly TandemNode[],
  types: NodeTypeMap,
  problems: Readonly<Record<string, { errors: number; warnings: number }>>,
  steps: Readonly<Record<string, { status: StepStatus }>> | undefined,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const node of nodes) {
    const kind = types.get(node.data.nodeType)?.title ?? node.data.nodeType;
    const name = node.data.label?.trim();
    const parts = [name && name !== kind ? `${name}, ${kind} step` : `${kind} step`];
    const found = problems[node.id];
    if (found?.errors) parts.push(count(found.errors, 'problem'));
    if (found?.warnings) parts.push(count(found.warnings, 'warning'));
    const status = steps?.[node.id]?.status;
    if (status) parts.push(stepStatusLabel(node.data.nodeType, status).toLowerCase());
    labels[node.id] = parts.join(', ');
  }
  return labels;
}
