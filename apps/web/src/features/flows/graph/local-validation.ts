import { checkConnection, wouldCreateCycle } from './connection-rules.js';
import type { NodeTypeMap } from './node-catalog.js';
import { buildFormFields, describeFieldPath, validateValue } from './schema-form.js';
import { unknownVariables, variableSuggestions } from './variables.js';

export interface Problem {
  nodeId?: string;
  /** Path inside the node's config (e.g. ["rules", 0, "path"]), empty for graph-level problems. */
  path: (string | number)[];
  message: string;
  severity: 'error' | 'warning';
}

interface GraphLike {
  nodes: readonly {
    id: string;
    data: { nodeType: string; label?: string; config: Record<string, unknown> };
  }[];
  edges: readonly {
    id: string;
    source: string;
    target: string;
    sourceHandle?: string | null;
    targetHandle?: string | null;
  }[];
}

/**
 * The checks the server runs on publish, done while editing so designers see problems as they
 * work: one trigger, known types, valid configs, valid edges, no loops, every step reachable.
 */
export function validateGraphLocally(graph: GraphLike, types: NodeTypeMap): Problem[] {
  const problems: Problem[] = [];
  const triggers = graph.nodes.filter((n) => types.get(n.data.nodeType)?.category === 'trigger');
  if (graph.nodes.length === 0) {
    return [
      {
        path: [],
        message: 'The flow is empty: drag a trigger from the palette to start',
        severity: 'error',
      },
    ];
  }
  if (triggers.length === 0) {
    problems.push({
      path: [],
      message: 'Add a trigger (Manual start or Webhook start) so the flow can run',
      severity: 'error',
    });
  } else if (triggers.length > 1) {
    for (const t of triggers.slice(1)) {
      problems.push({
        nodeId: t.id,
        path: [],
        message: 'A flow has exactly one trigger; remove this one',
        severity: 'error',
      });
    }
  }
  for (const node of graph.nodes) {
    const type = types.get(node.data.nodeType);
    if (!type) {
      problems.push({
        nodeId: node.id,
        path: [],
        message: `Unknown step type "${node.data.nodeType}"`,
        severity: 'error',
      });
      continue;
    }
    for (const issue of validateValue(type.configSchema, node.data.config)) {
      problems.push({
        nodeId: node.id,
        path: issue.path,
        message: issue.message,
        severity: 'error',
      });
    }
    const templateFields = buildFormFields(type.configSchema).filter((f) => f.kind === 'template');
    if (templateFields.length) {
      const available = variableSuggestions(graph, node.id, types);
      for (const field of templateFields) {
        const value = node.data.config[field.key];
        if (typeof value !== 'string') continue;
        for (const name of unknownVariables(value, available)) {
          problems.push({
            nodeId: node.id,
            path: [field.key],
            message: `{{ ${name} }} is not available here: no earlier step or input field provides it`,
            severity: 'warning',
          });
        }
      }
    }
  }
  const ids = new Set(graph.nodes.map((n) => n.id));
  const seenEdges: GraphLike['edges'][number][] = [];
  for (const edge of graph.edges) {
    if (!ids.has(edge.source) || !ids.has(edge.target)) {
      problems.push({
        path: [],
        message: `A connection points at a step that does not exist (${edge.id})`,
        severity: 'error',
      });
      continue;
    }
    const check = checkConnection({ nodes: graph.nodes, edges: seenEdges }, types, edge);
    if (!check.ok && !wouldCreateCycle(seenEdges, edge.source, edge.target)) {
      problems.push({ nodeId: edge.target, path: [], message: check.reason, severity: 'error' });
    } else if (!check.ok) {
      problems.push({
        nodeId: edge.target,
        path: [],
        message: 'This step is part of a loop; flows run in one direction',
        severity: 'error',
      });
    }
    seenEdges.push(edge);
  }
  if (triggers.length > 0) {
    const reachable = new Set<string>();
    const next = new Map<string, string[]>();
    for (const e of graph.edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
    const stack = triggers.map((t) => t.id);
    while (stack.length) {
      const id = stack.pop() as string;
      if (reachable.has(id)) continue;
      reachable.add(id);
      stack.push(...(next.get(id) ?? []));
    }
    for (const node of graph.nodes) {
      if (!reachable.has(node.id) && types.has(node.data.nodeType)) {
        problems.push({
          nodeId: node.id,
          path: [],
          message: 'Not connected: nothing leads to this step from the trigger',
          severity: 'error',
        });
      }
    }
  }
  return problems;
}

/**
 * The server's 422 FLOW_INVALID problems in the editor's terms: node id plus the path inside the
 * node's config ("graph.nodes.2.config.prompt" -> node #3, ["prompt"]).
 */
export function problemsFromServer(
  issues: readonly { path?: (string | number)[]; message: string; nodeId?: string }[],
  nodeIds: readonly string[],
): Problem[] {
  return issues.map((issue) => {
    let path = [...(issue.path ?? [])];
    let nodeId = issue.nodeId;
    if (path[0] === 'graph') path = path.slice(1);
    if (path[0] === 'nodes' && typeof path[1] === 'number') {
      nodeId ??= nodeIds[path[1]];
      path = path.slice(2);
    }
    if (path[0] === 'config') path = path.slice(1);
    return {
      ...(nodeId ? { nodeId } : {}),
      path,
      message: issue.message,
      severity: 'error' as const,
    };
  });
}

/** "Prompt: Required" for a problem inside a node's config, using the schema's titles. */
export function describeProblem(problem: Problem, types: NodeTypeMap, nodeType?: string): string {
  if (!problem.path.length || !nodeType) return problem.message;
  const schema = types.get(nodeType)?.configSchema;
  if (!schema) return problem.message;
  return `${describeFieldPath(schema, problem.path)}: ${problem.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
