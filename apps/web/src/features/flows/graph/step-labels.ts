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

/**
 * stepLabels that builds the labels again only when what they say may have changed: the steps'
 * ids and data (kind, name), the node catalog, the problem counts or the run's steps. A drag
 * replaces the moved step's object on every frame but keeps its data, so it relabels nothing;
 * the editor's selector runs on every store update, a thousand steps each time.
 */
export function memoStepLabels(): typeof stepLabels {
  let last: {
    nodes: readonly TandemNode[];
    inputs: unknown[];
    labels: Record<string, string>;
  } | null = null;
  return (nodes, types, problems, steps) => {
    const inputs = [types, problems, steps];
    if (
      last &&
      inputs.every((input, i) => input === last!.inputs[i]) &&
      sameSteps(last.nodes, nodes)
    ) {
      last.nodes = nodes;
      return last.labels;
    }
    last = { nodes, inputs, labels: stepLabels(nodes, types, problems, steps) };
    return last.labels;
  };
}

function sameSteps(a: readonly TandemNode[], b: readonly TandemNode[]): boolean {
  return (
    a === b ||
    (a.length === b.length && a.every((n, i) => n.id === b[i]!.id && n.data === b[i]!.data))
  );
}
