import { z } from 'zod';
import {
  IdSchema,
  LIMITS,
  NameInputSchema,
  NameSchema,
  RevisionSchema,
  SafeRecordSchema,
  ShortTextSchema,
  TimestampSchema,
} from './common.schema.js';

export const NodeTypeIdSchema = z
  .string()
  .min(1)
  .max(LIMITS.id)
  .regex(/^[a-z]+\.[a-z_]+$/, 'A node type looks like "ai.generate"');

export const PositionSchema = z.strictObject({
  x: z.number().finite(),
  y: z.number().finite(),
});

/** One node placed on the canvas. `config` is validated by its node type's configSchema. */
export const NodeInstanceSchema = z.strictObject({
  id: IdSchema,
  type: NodeTypeIdSchema,
  position: PositionSchema,
  label: z.string().max(LIMITS.name).optional(),
  config: SafeRecordSchema,
});
export type NodeInstance = z.infer<typeof NodeInstanceSchema>;

export const HandleIdSchema = z.string().min(1).max(LIMITS.id);

export const EdgeSchema = z.strictObject({
  id: IdSchema,
  source: IdSchema,
  sourceHandle: HandleIdSchema.optional(),
  target: IdSchema,
  targetHandle: HandleIdSchema.optional(),
});
export type Edge = z.infer<typeof EdgeSchema>;

export const GraphSchema = z
  .strictObject({
    nodes: z.array(NodeInstanceSchema).max(LIMITS.graphNodes),
    edges: z.array(EdgeSchema).max(LIMITS.graphEdges),
  })
  .superRefine((graph, ctx) => {
    const seen = new Set<string>();
    graph.nodes.forEach((node, i) => {
      if (seen.has(node.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `Duplicate node id "${node.id}"`,
          path: ['nodes', i, 'id'],
        });
      }
      seen.add(node.id);
    });
    const edgeIds = new Set<string>();
    graph.edges.forEach((edge, i) => {
      if (edgeIds.has(edge.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `Duplicate edge id "${edge.id}"`,
          path: ['edges', i, 'id'],
        });
      }
      edgeIds.add(edge.id);
    });
  });
export type Graph = z.infer<typeof GraphSchema>;

/** What a designer sends to create or replace a flow's draft. */
export const FlowInputSchema = z.strictObject({
  name: NameInputSchema,
  description: ShortTextSchema.optional(),
  graph: GraphSchema,
});
export type FlowInput = z.infer<typeof FlowInputSchema>;

/** A flow: the editable draft plus a pointer to its newest published version. */
export const FlowSchema = z.strictObject({
  id: IdSchema,
  name: NameSchema,
  description: ShortTextSchema.optional(),
  graph: GraphSchema,
  /** Newest published version number; null while the flow was never published. */
  publishedVersion: z.number().int().min(1).nullable(),
  createdBy: IdSchema,
  createdAt: TimestampSchema,
  updatedBy: IdSchema,
  updatedAt: TimestampSchema,
  revision: RevisionSchema,
});
export type Flow = z.infer<typeof FlowSchema>;

/**
 * What an AI step asked the model: any change to the prompt, system prompt or model is a new
 * prompt version. `id` is a content hash so equal prompts across versions share an id.
 */
export const PromptVersionSchema = z.strictObject({
  id: z.string().min(1).max(LIMITS.id),
  nodeId: IdSchema,
  prompt: z.string().max(LIMITS.longText),
  system: z.string().max(LIMITS.longText).optional(),
  model: z.string().max(LIMITS.name).optional(),
  /** The flow version in which this prompt version first appeared. */
  since: z.number().int().min(1),
});
export type PromptVersion = z.infer<typeof PromptVersionSchema>;

/** An immutable, published snapshot of a flow's graph. Runs pin one. */
export const FlowVersionSchema = z.strictObject({
  id: IdSchema,
  flowId: IdSchema,
  number: z.number().int().min(1),
  name: NameSchema,
  graph: GraphSchema,
  promptVersions: z.array(PromptVersionSchema).max(LIMITS.list),
  createdBy: IdSchema,
  createdAt: TimestampSchema,
});
export type FlowVersion = z.infer<typeof FlowVersionSchema>;
