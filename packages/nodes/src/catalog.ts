import { z } from 'zod';
import type { ConnectionKind } from '@tandem/schema';
import type {
  AnyNodeDefinition,
  HandleSpec,
  NodeCategory,
  OutputFieldSpec,
} from './core/define-node.js';
import { triggerManualNode } from './trigger-manual/trigger-manual.node.js';
import { triggerWebhookNode } from './trigger-webhook/trigger-webhook.node.js';
import { triggerScheduleNode } from './trigger-schedule/trigger-schedule.node.js';
import { aiGenerateNode } from './ai-generate/ai-generate.node.js';
import { checkBrandNode } from './check-brand/check-brand.node.js';
import { checkBudgetNode } from './check-budget/check-budget.node.js';
import { humanReviewNode } from './human-review/human-review.node.js';
import { logicBranchNode } from './logic-branch/logic-branch.node.js';
import { publishWebhookNode } from './publish-webhook/publish-webhook.node.js';
import { publishEmailNode } from './publish-email/publish-email.node.js';
import { publishSlackNode } from './publish-slack/publish-slack.node.js';
import { publishWordpressNode } from './publish-wordpress/publish-wordpress.node.js';
import { publishLibraryNode } from './publish-library/publish-library.node.js';
import { utilDelayNode } from './util-delay/util-delay.node.js';

/** Every node type Tandem ships, in palette order. */
export const nodeCatalog: readonly AnyNodeDefinition[] = [
  triggerManualNode,
  triggerWebhookNode,
  triggerScheduleNode,
  aiGenerateNode,
  checkBrandNode,
  checkBudgetNode,
  humanReviewNode,
  logicBranchNode,
  publishWebhookNode,
  publishEmailNode,
  publishSlackNode,
  publishWordpressNode,
  publishLibraryNode,
  utilDelayNode,
] as unknown as readonly AnyNodeDefinition[];

export type NodeRegistry = ReadonlyMap<string, AnyNodeDefinition>;

export function createNodeRegistry(
  definitions: readonly AnyNodeDefinition[] = nodeCatalog,
): NodeRegistry {
  return new Map(definitions.map((d) => [d.type, d]));
}

export const defaultNodeRegistry: NodeRegistry = createNodeRegistry();

export function getNodeDefinition(
  type: string,
  registry: NodeRegistry = defaultNodeRegistry,
): AnyNodeDefinition | undefined {
  return registry.get(type);
}

export interface NodeTypeDescription {
  type: string;
  version: number;
  title: string;
  description: string;
  category: NodeCategory;
  icon: string;
  inputs: HandleSpec[];
  outputs: HandleSpec[];
  /** JSON Schema of the config as the editor fills it in (defaults make fields optional). */
  configSchema: Record<string, unknown>;
  /** The config a newly dropped node starts with. */
  defaultConfig: Record<string, unknown>;
}

/**
 * The kind of saved connection each step type's `connectionId` names, from the field's picker
 * hint (see core/editor-hints.ts): the step types that take no connection are left out.
 */
export function connectionKinds(
  definitions: readonly AnyNodeDefinition[] = nodeCatalog,
): Map<string, ConnectionKind> {
  const kinds = new Map<string, ConnectionKind>();
  for (const d of definitions) {
    const field = (d.configSchema as { shape?: Record<string, z.ZodType> }).shape?.connectionId;
    const kind = field?.meta()?.connectionKind;
    if (typeof kind === 'string') kinds.set(d.type, kind as ConnectionKind);
  }
  return kinds;
}

/** The catalog as GET /api/node-types and the editor palette need it. */
export function describeNodeTypes(
  definitions: readonly AnyNodeDefinition[] = nodeCatalog,
): NodeTypeDescription[] {
  return definitions.map((d) => ({
    type: d.type,
    version: d.version,
    title: d.title,
    description: d.description,
    category: d.category,
    icon: d.icon,
    inputs: d.inputs,
    outputs: d.outputs,
    configSchema: z.toJSONSchema(d.configSchema, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >,
    defaultConfig: defaultConfigOf(d),
  }));
}

/**
 * The config a node starts with: every default its schema declares. Fields without a default
 * (an SMTP connection, recipients) stay absent for the designer to fill in.
 */
export function defaultConfigOf(definition: AnyNodeDefinition): Record<string, unknown> {
  const parsed = definition.configSchema.safeParse({});
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const schema = z.toJSONSchema(definition.configSchema, { io: 'input', unrepresentable: 'any' });
  const properties = (schema.properties ?? {}) as Record<string, { default?: unknown }>;
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([, property]) => property.default !== undefined)
      .map(([name, property]) => [name, property.default]),
  );
}

/**
 * The graph as people who may not change the flow see it: each step's config through its
 * type's `forReaders` (credential values hidden). The stored graph is left as it is.
 */
export function graphForReaders<
  G extends { nodes: readonly { type: string; config: Record<string, unknown> }[] },
>(graph: G, registry: NodeRegistry = defaultNodeRegistry): G {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    const forReaders = registry.get(node.type)?.forReaders;
    if (!forReaders) return node;
    changed = true;
    return { ...node, config: forReaders(node.config) };
  });
  return changed ? { ...graph, nodes } : graph;
}

const defaultsCache = new WeakMap<AnyNodeDefinition, Record<string, unknown>>();

/** `defaultConfigOf`, worked out once per definition: callers ask for it per step of a flow. */
export function cachedDefaultConfigOf(definition: AnyNodeDefinition): Record<string, unknown> {
  let defaults = defaultsCache.get(definition);
  if (!defaults) {
    defaults = defaultConfigOf(definition);
    defaultsCache.set(definition, defaults);
  }
  return defaults;
}

/**
 * The fields a step of this type with this config returns, as `outputFields` declares them and
 * its `when` conditions pick them (an AI step returns `text` or `data`); null when the type's
 * fields are not known (a trigger passes on its input) or the type is not in the catalog.
 */
export function stepOutputFields(
  type: string,
  config: Record<string, unknown>,
  registry: NodeRegistry = defaultNodeRegistry,
): OutputFieldSpec[] | null {
  const definition = registry.get(type);
  if (!definition?.outputFields) return null;
  const defaults = cachedDefaultConfigOf(definition);
  return definition.outputFields.filter(
    (field) =>
      !field.when ||
      Object.entries(field.when).every(([key, values]) =>
        values.includes(String(config[key] ?? defaults[key])),
      ),
  );
}
