import type { Graph } from '@tandem/schema';
import { cachedDefaultConfigOf, defaultNodeRegistry, stepOutputFields } from '../catalog.js';
import type { NodeRegistry } from '../catalog.js';
import type { AnyNodeDefinition } from '../core/define-node.js';
import { ancestorsOf, indexGraph } from './graph-utils.js';
import type { GraphProblem } from './validate-graph.js';

/*
 * `{{ steps.<id>.<field> }}` references checked against what the steps before declare. One
 * implementation for the editor (warnings while editing) and publish (problems that refuse it).
 */

/** One output a step hands on, as `steps.<id>.<key>`. */
export interface StepOutput {
  key: string;
  detail: string;
  /** Its parts are all listed apart (a structured AI step's `data`): no other part exists. */
  closed?: boolean;
}

/** A value a reference may name, e.g. `steps.draft.text`. */
export interface AvailableValue {
  path: string;
  closed?: boolean;
}

const named = (v: unknown): v is { name: string; label?: unknown; description?: unknown } =>
  typeof (v as { name?: unknown } | null)?.name === 'string' && (v as { name: string }).name !== '';

/**
 * Whether a start step of this type with these declared fields takes a run input of any shape.
 * A webhook start that declares no fields takes the posted body as it comes; every other start
 * (and a webhook that declares fields) takes exactly its fields. The engine checks run inputs by
 * this, and references to `{{ input.<name> }}` are judged by it.
 */
export function acceptsAnyInput(triggerType: string, fields: readonly unknown[]): boolean {
  return triggerType === 'trigger.webhook' && fields.length === 0;
}

/**
 * What `{{ input.<name> }}` may name in a flow this step starts: a manual start's form fields, a
 * schedule's fixed values, a webhook start's expected fields. Null when any name may come (a
 * webhook start that declares no fields) or the step is no start step: then input references
 * cannot be judged.
 */
export function runInputsOf(
  type: string,
  config: Record<string, unknown>,
  registry: NodeRegistry = defaultNodeRegistry,
): StepOutput[] | null {
  const definition = registry.get(type);
  if (definition?.category !== 'trigger') return null;
  // A config saved without its fields has the default ones (a manual start's "topic").
  const declared = config.fields ?? cachedDefaultConfigOf(definition).fields;
  const fields = Array.isArray(declared) ? declared.filter(named) : [];
  if (acceptsAnyInput(type, fields)) return null;
  return fields.map((f) => ({
    key: f.name,
    detail: typeof f.label === 'string' && f.label ? f.label : f.name,
  }));
}

/**
 * The outputs a step of this type with this config hands on, as the catalog declares them; a
 * structured AI step's `data` holds exactly the fields its designer declared, and a manual start
 * or a schedule passes on its run's input. Null when they are not known (a webhook start passes
 * on whatever was posted): then any field may be read.
 */
export function stepOutputsOf(
  type: string,
  config: Record<string, unknown>,
  registry: NodeRegistry = defaultNodeRegistry,
): StepOutput[] | null {
  if (type === 'trigger.manual' || type === 'trigger.schedule') {
    return runInputsOf(type, config, registry);
  }
  const declared = stepOutputFields(type, config, registry);
  if (!declared) return null;
  const outputs: StepOutput[] = [];
  for (const field of declared) {
    if (type === 'ai.generate' && field.key === 'data') {
      const fields = Array.isArray(config.fields) ? config.fields.filter(named) : [];
      outputs.push({ key: 'data', detail: field.description, closed: fields.length > 0 });
      for (const f of fields) {
        const description = typeof f.description === 'string' ? f.description : '';
        outputs.push({ key: `data.${f.name}`, detail: description || `Field ${f.name}` });
      }
    } else {
      outputs.push({ key: field.key, detail: field.description });
    }
  }
  return outputs;
}

/**
 * Whether something available provides `path`: the value itself, anything beneath a listed
 * output (a flag's message, a table's rows) unless that output lists its parts, or a part of it.
 */
export function isAvailable(path: string, available: readonly AvailableValue[]): boolean {
  return available.some(
    ({ path: k, closed }) =>
      k === path || (!closed && path.startsWith(`${k}.`)) || k.startsWith(`${path}.`),
  );
}

/**
 * Why a reference finds nothing: no earlier step or input field of that name, or (a typo such as
 * `steps.check.passe`) a step that is there but returns no such field, with the ones it does.
 */
export function unavailableReason(name: string, available: readonly AvailableValue[]): string {
  const parts = name.split('.');
  if (parts[0] === 'input') {
    const given = available.filter((a) => a.path.startsWith('input.')).map((a) => a.path.slice(6));
    return given.length
      ? `is not an input of this flow: its start step gives ${given.join(', ')}`
      : 'is not an input of this flow: its start step gives none';
  }
  if (parts[0] === 'steps' && parts.length > 2) {
    const step = `steps.${parts[1]}.`;
    const given = [
      ...new Set(
        available
          .filter((a) => a.path.startsWith(step))
          .map((a) => a.path.slice(step.length).split('.')[0]!),
      ),
    ];
    if (given.length) return `is not an output of that step: it gives ${given.join(', ')}`;
  }
  return 'is not available here: no earlier step or input field provides it';
}

/** A publish step's templates see the approved content, never other steps' outputs. */
export const PUBLISH_SEES_NO_STEPS =
  'stays empty here: a publish step sees only the approved content, {{ content.text }}';

/** The `{{ name }}` references in a template, in order, each once. */
export function templateReferences(template: string): string[] {
  const found = new Set<string>();
  for (const match of template.matchAll(/\{\{\s*([A-Za-z_][\w.]*)/g)) found.add(match[1]!);
  return [...found];
}

/** What these steps hand on, as `steps.<id>.<key>`; a step whose outputs are unknown as `steps.<id>`. */
function outputsOfSteps(
  steps: readonly Graph['nodes'][number][],
  registry: NodeRegistry,
): AvailableValue[] {
  return steps.flatMap((step) => {
    const outputs = stepOutputsOf(step.type, step.config as Record<string, unknown>, registry);
    if (!outputs) return [{ path: `steps.${step.id}` }];
    return outputs.map((out) => ({
      path: `steps.${step.id}.${out.key}`,
      ...(out.closed ? { closed: true } : {}),
    }));
  });
}

const WHOLE_VALUE_PATH = /^\s*((?:steps|input)\.[A-Za-z_][\w.]*)\s*$/;

/** Every string in a config with its path inside the config. */
function stringsOf(
  value: unknown,
  path: (string | number)[] = [],
): [(string | number)[], string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => stringsOf(v, [...path, k]));
  }
  return [];
}

/**
 * The config a step runs with: the saved one with its schema's defaults filled in. A branch
 * saved untouched holds no rules, yet runs its default one on `steps.check.passed`. A config
 * that does not parse yet (a draft's) gets the top-level defaults it lacks.
 */
function effectiveConfig(definition: AnyNodeDefinition, config: unknown): unknown {
  const parsed = definition.configSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  return config && typeof config === 'object'
    ? { ...cachedDefaultConfigOf(definition), ...config }
    : config;
}

/**
 * What the flow's start step gives as `input.<name>`; null when any name may come (a webhook start
 * without declared fields) or there is no start step to judge by (publish says that apart).
 */
function runInputValues(
  graph: Pick<Graph, 'nodes'>,
  registry: NodeRegistry,
): AvailableValue[] | null {
  const trigger = graph.nodes.find((n) => registry.get(n.type)?.category === 'trigger');
  if (!trigger) return null;
  const inputs = runInputsOf(trigger.type, trigger.config as Record<string, unknown>, registry);
  return inputs && inputs.map((i) => ({ path: `input.${i.key}` }));
}

/**
 * Publish's check of references: a template's `{{ steps.<id>.<field> }}`, or a setting that
 * names one value (a branch rule's `steps.check.passed`), must name an output a step before this
 * one declares (a publish step may name none), and `{{ input.<name> }}` one of the start step's
 * fields or values (a schedule without a `topic` value renders `{{ input.topic }}` empty).
 * Defaults count: they run too.
 */
export function stepReferenceProblems(
  graph: Pick<Graph, 'nodes' | 'edges'>,
  registry: NodeRegistry = defaultNodeRegistry,
): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const index = indexGraph(graph);
  const inputs = runInputValues(graph, registry);
  graph.nodes.forEach((node, i) => {
    const definition = registry.get(node.type);
    if (!definition || definition.category === 'trigger') return;
    let available: AvailableValue[] | null = null;
    for (const [path, text] of stringsOf(effectiveConfig(definition, node.config))) {
      // Publish steps have no settings that name a value, only templates.
      const whole =
        definition.category === 'publish' ? undefined : WHOLE_VALUE_PATH.exec(text)?.[1];
      const names = whole ? [whole] : templateReferences(text);
      for (const name of names) {
        let reason: string | null = null;
        if (name.startsWith('input.')) {
          if (inputs && !isAvailable(name, inputs)) reason = unavailableReason(name, inputs);
        } else if (!name.startsWith('steps.')) continue;
        else if (definition.category === 'publish') reason = PUBLISH_SEES_NO_STEPS;
        else {
          available ??= outputsOfSteps(
            ancestorsOf(index, node.id).map((a) => index.nodes.get(a.nodeId)!),
            registry,
          );
          reason = isAvailable(name, available) ? null : unavailableReason(name, available);
        }
        if (reason) {
          problems.push({
            nodeId: node.id,
            path: ['nodes', i, 'config', ...path],
            message: `${whole ? name : `{{ ${name} }}`} ${reason}`,
          });
        }
      }
    }
  });
  return problems;
}
