import { GraphSchema } from '@tandem/schema';
import type { Graph } from '@tandem/schema';
import type { z } from 'zod';
import { defaultNodeRegistry } from '../catalog.js';
import type { NodeRegistry } from '../catalog.js';
import type { AnyNodeDefinition } from '../core/define-node.js';
import { ancestorsOf, descendantsOf, indexGraph, topologicalOrder } from './graph-utils.js';
import { stepReferenceProblems } from './step-references.js';

export interface GraphProblem {
  nodeId?: string;
  edgeId?: string;
  /** Rooted at the graph, e.g. ["nodes", 2, "config", "prompt"]. */
  path: (string | number)[];
  message: string;
}

export interface GraphValidation {
  ok: boolean;
  problems: GraphProblem[];
}

/** zod's messages rewritten for designers: "Required" instead of "expected string, received undefined". */
export function plainIssueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined'))
    return 'Required';
  if (issue.code === 'invalid_type') return `Expected ${issue.expected}`;
  if (issue.code === 'unrecognized_keys') return `Unknown setting(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `Choose one of: ${issue.values.map(String).join(', ')}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1)
    return 'Required';
  if (issue.code === 'too_small' && issue.origin === 'number') return `At least ${issue.minimum}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `At most ${issue.maximum}`;
  return issue.message;
}

/** A problem inside one step's settings, at its path in the config (["fields", 0, "columns"]). */
export interface ConfigProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Everything publish says about one step's settings on their own: its schema (refinements
 * included: a repeated field name, an unknown time zone) and, once that parses, the type's
 * `lint` (structured output without a field, a branch test without a value). Pure, so the
 * editor runs this very function while the designer types and the two cannot drift apart;
 * what needs the server (whether a saved connection exists) is checked at publish only.
 */
export function checkNodeConfig(
  definition: AnyNodeDefinition,
  config: unknown,
): { config: unknown; problems: ConfigProblem[] } {
  const parsed = definition.configSchema.safeParse(config);
  if (!parsed.success) {
    return {
      config: null,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: plainIssueMessage(issue),
      })),
    };
  }
  return { config: parsed.data, problems: definition.lint?.(parsed.data) ?? [] };
}

/** Parses a node's config with its schema; problems carry graph-rooted paths. */
export function validateNodeConfig(
  definition: AnyNodeDefinition,
  config: unknown,
  at: { nodeId: string; index: number },
): { config: unknown; problems: GraphProblem[] } {
  const checked = checkNodeConfig(definition, config);
  return {
    config: checked.config,
    problems: checked.problems.map((p) => ({
      nodeId: at.nodeId,
      path: ['nodes', at.index, 'config', ...p.path],
      message: p.message,
    })),
  };
}

function outputHandle(definition: AnyNodeDefinition, handle: string | undefined): string | null {
  if (handle === undefined)
    return definition.outputs.length === 1 ? definition.outputs[0]!.id : null;
  return definition.outputs.some((o) => o.id === handle) ? handle : null;
}

function edgeProblems(graph: Graph, registry: NodeRegistry): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  graph.edges.forEach((edge, i) => {
    const at = { edgeId: edge.id };
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source)
      problems.push({
        ...at,
        path: ['edges', i, 'source'],
        message: `Connects from a missing step "${edge.source}"`,
      });
    if (!target)
      problems.push({
        ...at,
        path: ['edges', i, 'target'],
        message: `Connects to a missing step "${edge.target}"`,
      });
    if (!source || !target) return;
    if (edge.source === edge.target) {
      problems.push({ ...at, path: ['edges', i], message: 'A step cannot connect to itself' });
    }
    const sourceDef = registry.get(source.type);
    const targetDef = registry.get(target.type);
    if (sourceDef && outputHandle(sourceDef, edge.sourceHandle) === null) {
      problems.push({
        ...at,
        path: ['edges', i, 'sourceHandle'],
        message:
          edge.sourceHandle === undefined
            ? `Choose which output of "${source.label ?? source.id}" this follows (${sourceDef.outputs.map((o) => o.id).join(' or ')})`
            : `"${source.label ?? source.id}" has no output "${edge.sourceHandle}"`,
      });
    }
    if (targetDef) {
      if (targetDef.inputs.length === 0) {
        problems.push({
          ...at,
          path: ['edges', i, 'target'],
          message: `Nothing can connect into the start step "${target.label ?? target.id}"`,
        });
      } else if (
        edge.targetHandle !== undefined &&
        !targetDef.inputs.some((h) => h.id === edge.targetHandle)
      ) {
        problems.push({
          ...at,
          path: ['edges', i, 'targetHandle'],
          message: `"${target.label ?? target.id}" has no input "${edge.targetHandle}"`,
        });
      }
    }
    const key = `${edge.source}|${sourceDef ? outputHandle(sourceDef, edge.sourceHandle) : edge.sourceHandle}|${edge.target}`;
    if (seen.has(key))
      problems.push({ ...at, path: ['edges', i], message: 'The same connection exists twice' });
    seen.add(key);
  });
  return problems;
}

/**
 * Everything that must hold before a flow can be published: one trigger, known types, valid
 * configs, edges between existing handles, no cycles, every step reachable from the trigger,
 * every `{{ steps.<id>.<field> }}` naming a field a step before it declares, and every
 * `{{ input.<name> }}` a value the start step gives (see stepReferenceProblems).
 */
export function validateGraph(
  input: unknown,
  registry: NodeRegistry = defaultNodeRegistry,
): GraphValidation {
  const parsed = GraphSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: plainIssueMessage(issue),
      })),
    };
  }
  const graph = parsed.data;
  const problems: GraphProblem[] = [];
  const triggers: string[] = [];
  graph.nodes.forEach((node, index) => {
    const definition = registry.get(node.type);
    if (!definition) {
      problems.push({
        nodeId: node.id,
        path: ['nodes', index, 'type'],
        message: `Unknown step type "${node.type}"`,
      });
      return;
    }
    if (definition.category === 'trigger') triggers.push(node.id);
    problems.push(
      ...validateNodeConfig(definition, node.config, { nodeId: node.id, index }).problems,
    );
  });
  if (graph.nodes.length === 0) problems.push({ path: ['nodes'], message: 'Add a start step' });
  else if (triggers.length === 0)
    problems.push({ path: ['nodes'], message: 'Add a start step (manual, webhook or schedule)' });
  else if (triggers.length > 1) {
    for (const id of triggers.slice(1)) {
      problems.push({
        nodeId: id,
        path: ['nodes', graph.nodes.findIndex((n) => n.id === id)],
        message: 'A flow has exactly one start step',
      });
    }
  }
  problems.push(...edgeProblems(graph, registry));

  const index = indexGraph(graph);
  if (topologicalOrder(index) === null) {
    problems.push({
      path: ['edges'],
      message: 'The connections form a loop; a flow must run forward',
    });
  }
  if (triggers.length >= 1) {
    const reachable = descendantsOf(index, triggers[0]!);
    graph.nodes.forEach((node, i) => {
      if (!reachable.has(node.id) && !triggers.includes(node.id)) {
        problems.push({
          nodeId: node.id,
          path: ['nodes', i],
          message: `"${node.label ?? node.id}" is not connected to the start step`,
        });
      }
    });
  }
  graph.nodes.forEach((node, i) => {
    const ref = (node.config as Record<string, unknown>).sourceNodeId;
    if (typeof ref !== 'string' || ref === '') return;
    if (!ancestorsOf(index, node.id).some((a) => a.nodeId === ref)) {
      problems.push({
        nodeId: node.id,
        path: ['nodes', i, 'config', 'sourceNodeId'],
        message: `"${ref}" is not a step before this one`,
      });
    }
  });
  problems.push(...stepReferenceProblems(graph, registry));
  return { ok: problems.length === 0, problems };
}

export interface Connection {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

/** Whether the editor may draw this connection; `reason` says why not, in plain words. */
export function canConnect(
  graph: Pick<Graph, 'nodes' | 'edges'>,
  connection: Connection,
  registry: NodeRegistry = defaultNodeRegistry,
): { ok: true } | { ok: false; reason: string } {
  const source = graph.nodes.find((n) => n.id === connection.source);
  const target = graph.nodes.find((n) => n.id === connection.target);
  if (!source || !target) return { ok: false, reason: 'Both steps must exist' };
  if (source.id === target.id) return { ok: false, reason: 'A step cannot connect to itself' };
  const sourceDef = registry.get(source.type);
  const targetDef = registry.get(target.type);
  if (!sourceDef || !targetDef) return { ok: false, reason: 'Unknown step type' };
  const handle = outputHandle(sourceDef, connection.sourceHandle ?? undefined);
  if (handle === null) return { ok: false, reason: 'Choose one of the step’s outputs' };
  if (targetDef.inputs.length === 0)
    return { ok: false, reason: 'Nothing can connect into a start step' };
  const targetHandle = connection.targetHandle ?? undefined;
  if (targetHandle !== undefined && !targetDef.inputs.some((h) => h.id === targetHandle)) {
    return { ok: false, reason: 'That input does not exist' };
  }
  const duplicate = graph.edges.some(
    (e) =>
      e.source === source.id &&
      e.target === target.id &&
      outputHandle(sourceDef, e.sourceHandle) === handle,
  );
  if (duplicate) return { ok: false, reason: 'These steps are already connected' };
  if (descendantsOf(indexGraph(graph), target.id).has(source.id)) {
    return { ok: false, reason: 'That would make a loop; a flow must run forward' };
  }
  return { ok: true };
}

/** The output handle an edge follows (its own, or the source's only output). */
export function edgeSourceHandle(
  definition: AnyNodeDefinition | undefined,
  handle: string | undefined,
): string | null {
  return definition ? outputHandle(definition, handle) : (handle ?? null);
}
