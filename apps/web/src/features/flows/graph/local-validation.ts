import { PUBLISH_SEES_NO_STEPS } from '@tandem/nodes';
import { alreadyNamed, publishConfigProblems } from './publish-config-problems.js';
import { jsonBodyProblem, publishSampleKinds } from './json-body.js';
import { alternativeHint, missingAlternative } from './required-alternatives.js';
import { declaredOutputsFor, outputFieldProblem } from './declared-outputs.js';
import type { NodeTypeInfo, NodeTypeMap } from './node-catalog.js';
import {
  buildFormFields,
  describeFieldPath,
  validateValue,
  type FormField,
} from './schema-form.js';
import { unknownReferenceReason } from './reference-hints.js';
import { unclosedOutputProblem } from './unclosed-output.js';
import { stepName } from './selection.js';
import { missingTriggerLink } from './trigger-link.js';
import { stepChoiceProblems } from './step-choice-problems.js';
import { indexGraph, startStepOf, unknownVariables, variableSuggestions } from './variables.js';

export interface Problem {
  nodeId?: string;
  /** Path inside the node's config (e.g. ["rules", 0, "path"]), empty for graph-level problems. */
  path: (string | number)[];
  message: string;
  severity: 'error' | 'warning';
  /** A page of the app where the fix is made (Settings → Connections), for who may open it. */
  link?: string;
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

/** Edges that close a loop (found by depth-first search), each reported once. */
function loopEdges(
  nodeIds: readonly string[],
  edges: GraphLike['edges'],
): Set<GraphLike['edges'][number]> {
  const out = new Map<string, GraphLike['edges'][number][]>();
  for (const e of edges) {
    const list = out.get(e.source);
    if (list) list.push(e);
    else out.set(e.source, [e]);
  }
  const state = new Map<string, 1 | 2>();
  const closing = new Set<GraphLike['edges'][number]>();
  for (const root of nodeIds) {
    if (state.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 1);
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      const edge = out.get(frame.id)?.[frame.next];
      if (!edge) {
        state.set(frame.id, 2);
        stack.pop();
        continue;
      }
      frame.next += 1;
      const seen = state.get(edge.target);
      if (seen === 1) closing.add(edge);
      else if (seen === undefined) {
        state.set(edge.target, 1);
        stack.push({ id: edge.target, next: 0 });
      }
    }
  }
  return closing;
}

/**
 * The checks the server runs on publish, done while editing so designers see problems as they
 * work: one trigger, known types, valid configs, valid edges, no loops, every step reachable.
 * Linear in the size of the flow, so it keeps up with thousand-step flows.
 */
export function validateGraphLocally(graph: GraphLike, types: NodeTypeMap): Problem[] {
  const problems: Problem[] = [];
  if (graph.nodes.length === 0) {
    return [
      {
        path: [],
        message: 'The flow is empty: drag a trigger from the palette to start',
        severity: 'error',
      },
    ];
  }
  const triggers = graph.nodes.filter((n) => types.get(n.data.nodeType)?.category === 'trigger');
  if (triggers.length === 0) {
    problems.push({
      path: [],
      message: 'Add a trigger (Manual start, Webhook start or Schedule) so the flow can run',
      severity: 'error',
    });
  } else {
    for (const t of triggers.slice(1)) {
      problems.push({
        nodeId: t.id,
        path: [],
        message: 'A flow has exactly one trigger; remove this one',
        severity: 'error',
      });
    }
  }
  const index = indexGraph(graph);
  const startStep = startStepOf(graph.nodes, types);
  const start = startStep && {
    nodeType: startStep.data.nodeType,
    title: stepName(graph.nodes, types, startStep.id),
  };
  let sampleKinds: ReturnType<typeof publishSampleKinds> | undefined;
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
    const first = problems.length;
    const formIssues = validateValue(type.configSchema, node.data.config);
    for (const issue of formIssues) {
      problems.push({
        nodeId: node.id,
        path: issue.path,
        message: issue.message,
        severity: 'error',
      });
    }
    for (const { path, message } of stepChoiceProblems(node.id, node.data.config, index, types)) {
      problems.push({ nodeId: node.id, path, message, severity: 'error' });
    }
    const { templates, variables, outputFields, alternatives, jsonTemplates } =
      referenceFieldsOf(type);
    for (const field of alternatives) {
      const message = missingAlternative(field, node.data.config);
      if (message)
        problems.push({ nodeId: node.id, path: [field.key], message, severity: 'error' });
    }
    if (outputFields.length) {
      const declared = declaredOutputsFor(graph, node.id, types, index);
      for (const field of outputFields) {
        const message = outputFieldProblem(field, outputFields, node.data.config, declared);
        if (message) {
          problems.push({ nodeId: node.id, path: [field.key], message, severity: 'warning' });
        }
      }
    }
    for (const key of jsonTemplates) {
      const message = jsonBodyProblem(
        node.data.config[key] as string | undefined,
        (sampleKinds ??= publishSampleKinds(graph)),
      );
      if (message) problems.push({ nodeId: node.id, path: [key], message, severity: 'warning' });
    }
    if (templates.length || variables.length) {
      // A setting left out runs with its default (an AI step's prompt reads {{ input.topic }}),
      // and publish judges it so.
      const settings = { ...type.defaultConfig, ...node.data.config };
      let available: ReturnType<typeof variableSuggestions> | null = null;
      for (const key of templates) {
        const value = settings[key];
        if (typeof value !== 'string' || !value.includes('{{')) continue;
        const unclosed = unclosedOutputProblem(value);
        if (unclosed)
          problems.push({ nodeId: node.id, path: [key], message: unclosed, severity: 'error' });
        available ??= variableSuggestions(graph, node.id, types, index);
        for (const name of unknownVariables(value, available)) {
          problems.push({
            nodeId: node.id,
            path: [key],
            message:
              type.category === 'publish' && name.startsWith('steps.')
                ? `{{ ${name} }} ${PUBLISH_SEES_NO_STEPS}`
                : `{{ ${name} }} ${unknownReferenceReason(name, available, start)}`,
            severity: 'error',
          });
        }
      }
      for (const { path, value } of variableValues(variables, settings)) {
        available ??= variableSuggestions(graph, node.id, types, index);
        const [name] = unknownVariables(`{{ ${value} }}`, available);
        if (name) {
          problems.push({
            nodeId: node.id,
            path,
            message: `${name} ${unknownReferenceReason(name, available, start)}`,
            severity: 'error',
          });
        }
      }
    }
    // The type's own rules (a known time zone, a field for structured output), in publish's words
    // where the checks above have not already named that setting.
    const named = problems.slice(first).filter((p) => p.severity === 'error');
    for (const { path, message } of publishConfigProblems(node.data.nodeType, node.data.config)) {
      if (!alreadyNamed(path, named))
        problems.push({ nodeId: node.id, path, message, severity: 'error' });
    }
  }
  const pairs = new Set<string>();
  const closing = loopEdges(
    graph.nodes.map((n) => n.id),
    graph.edges,
  );
  for (const edge of graph.edges) {
    const source = index.byId.get(edge.source);
    const target = index.byId.get(edge.target);
    if (!source || !target) {
      problems.push({
        path: [],
        message: `A connection points at a step that does not exist (${edge.id})`,
        severity: 'error',
      });
      continue;
    }
    const sourceType = types.get(source.data.nodeType);
    const targetType = types.get(target.data.nodeType);
    if (!sourceType || !targetType) continue;
    const handle = edge.sourceHandle ?? sourceType.outputs[0]?.id;
    const fail = (message: string) =>
      problems.push({ nodeId: edge.target, path: [], message, severity: 'error' });
    if (edge.source === edge.target) fail('A step cannot connect to itself');
    else if (!sourceType.outputs.some((h) => h.id === handle)) {
      fail(`"${sourceType.title}" has no output "${handle}"`);
    } else if (targetType.inputs.length === 0) {
      fail(`"${targetType.title}" starts a flow; nothing can lead into it`);
    } else if (pairs.has(`${edge.source}|${handle}|${edge.target}`)) {
      fail('These steps are connected twice');
    } else if (closing.has(edge)) {
      fail('This connection closes a loop; flows run in one direction');
    }
    pairs.add(`${edge.source}|${handle}|${edge.target}`);
  }
  if (triggers.length > 0) {
    const next = new Map<string, string[]>();
    for (const e of graph.edges) {
      const list = next.get(e.source);
      if (list) list.push(e.target);
      else next.set(e.source, [e.target]);
    }
    const reachable = new Set<string>();
    const stack = triggers.map((t) => t.id);
    while (stack.length) {
      const id = stack.pop() as string;
      if (reachable.has(id)) continue;
      reachable.add(id);
      for (const n of next.get(id) ?? []) stack.push(n);
    }
    for (const node of graph.nodes) {
      if (!reachable.has(node.id) && types.has(node.data.nodeType)) {
        // Says which connection to draw when there is one obvious one (the Problems list draws it).
        const fix = missingTriggerLink(graph, types, node.id);
        const name = (id: string) => stepName(graph.nodes, types, id);
        problems.push({
          nodeId: node.id,
          path: [],
          message: fix
            ? `Not connected: connect "${name(fix.source)}" to "${name(fix.target)}"`
            : 'Not connected: nothing leads to this step from the trigger',
          severity: 'error',
        });
      }
    }
  }
  return problems;
}

interface ReferenceFields {
  /** Top-level template fields, by key. */
  templates: string[];
  /** The fields that name one earlier value, object lists' items included. */
  variables: FormField[];
  /** Top-level fields that name a structured field (or column) of the AI step before. */
  outputFields: FormField[];
  /** Top-level fields that may stay empty only while a sibling holds a value (`requiredUnlessFilled`). */
  alternatives: FormField[];
  /** Top-level templates that render a JSON document (`renders: 'json'`), by key. */
  jsonTemplates: string[];
}

const referenceFieldCache = new WeakMap<NodeTypeInfo, ReferenceFields>();

function referenceFieldsOf(type: NodeTypeInfo): ReferenceFields {
  let fields = referenceFieldCache.get(type);
  if (!fields) {
    const all = buildFormFields(type.configSchema);
    fields = {
      templates: all.filter((f) => f.kind === 'template').map((f) => f.key),
      variables: all.filter(
        (f) => f.kind === 'variable' || f.itemFields?.some((i) => i.kind === 'variable'),
      ),
      outputFields: all.filter((f) => f.kind === 'output-field'),
      alternatives: all.filter((f) => alternativeHint(f) !== null),
      jsonTemplates: all.filter((f) => f.schema.renders === 'json').map((f) => f.key),
    };
    referenceFieldCache.set(type, fields);
  }
  return fields;
}

/** The filled-in variable fields of a config with their paths (["rules", 0, "path"]). */
function variableValues(
  fields: readonly FormField[],
  config: Record<string, unknown>,
): { path: (string | number)[]; value: string }[] {
  const found: { path: (string | number)[]; value: string }[] = [];
  for (const field of fields) {
    const value = config[field.key];
    if (field.kind === 'variable' && typeof value === 'string' && value.trim()) {
      found.push({ path: [field.key], value: value.trim() });
    } else if (field.kind === 'object-list' && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (!item || typeof item !== 'object') return;
        for (const inner of variableValues(field.itemFields ?? [], item as Record<string, unknown>))
          found.push({ path: [field.key, i, ...inner.path], value: inner.value });
      });
    }
  }
  return found;
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

/**
 * A step's problems by the setting they belong to ("rules.0.path"), errors apart from warnings
 * so the form can tell them apart; the first of each kind per setting.
 */
export function fieldProblems(problems: readonly Problem[]): {
  errors: Record<string, string>;
  warnings: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const warnings: Record<string, string> = {};
  for (const p of problems) {
    if (!p.path.length) continue;
    const map = p.severity === 'error' ? errors : warnings;
    map[p.path.join('.')] ??= p.message;
  }
  return { errors, warnings };
}

/** Errors before warnings, each kind in its own order: what must be fixed is read first. */
export function sortBySeverity<T extends Pick<Problem, 'severity'>>(problems: readonly T[]): T[] {
  return [
    ...problems.filter((p) => p.severity === 'error'),
    ...problems.filter((p) => p.severity !== 'error'),
  ];
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
