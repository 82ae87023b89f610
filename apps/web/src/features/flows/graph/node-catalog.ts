/** A node type as `GET /api/node-types` describes it; the editor renders palette and forms from it. */
export interface HandleInfo {
  id: string;
  label: string;
}

export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
  /** Editor hints the node catalog may add (`widget: 'prompt'`, ...). */
  widget?: string;
  [key: string]: unknown;
};

export interface NodeTypeInfo {
  type: string;
  version: number;
  title: string;
  description: string;
  category: string;
  icon: string;
  inputs: HandleInfo[];
  outputs: HandleInfo[];
  configSchema: JsonSchema;
  /** The config a newly dropped node starts with (the schema's defaults). */
  defaultConfig: Record<string, unknown>;
}

const PALETTE_GROUPS = [
  { id: 'trigger', label: 'Triggers' },
  { id: 'ai', label: 'AI' },
  { id: 'check', label: 'Checks' },
  { id: 'human', label: 'Human' },
  { id: 'logic', label: 'Logic' },
  { id: 'publish', label: 'Publish' },
] as const;
export type PaletteGroupId = (typeof PALETTE_GROUPS)[number]['id'];

/** Utilities (delays) sit with the logic nodes, as designers think of them as flow control. */
export function paletteGroupOf(category: string): PaletteGroupId {
  if (category === 'util') return 'logic';
  return (PALETTE_GROUPS.find((g) => g.id === category)?.id ?? 'logic') as PaletteGroupId;
}

export function groupNodeTypes(
  types: readonly NodeTypeInfo[],
  query = '',
): { id: PaletteGroupId; label: string; types: NodeTypeInfo[] }[] {
  const q = query.trim().toLowerCase();
  const match = (t: NodeTypeInfo) =>
    !q || `${t.title} ${t.description} ${t.type}`.toLowerCase().includes(q);
  return PALETTE_GROUPS.map((g) => ({
    ...g,
    types: types.filter((t) => paletteGroupOf(t.category) === g.id && match(t)),
  })).filter((g) => g.types.length > 0);
}

function normalizeHandles(raw: unknown): HandleInfo[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((h) =>
    typeof h === 'string'
      ? { id: h, label: h }
      : {
          id: String((h as HandleInfo).id),
          label: String((h as HandleInfo).label ?? (h as HandleInfo).id),
        },
  );
}

/** Accepts the catalog as an array or `{ items }`/`{ nodeTypes }` and fills defaults. */
export function normalizeNodeTypes(raw: unknown): NodeTypeInfo[] {
  const body = raw as { items?: unknown[]; nodeTypes?: unknown[] } | unknown[];
  const list = Array.isArray(body) ? body : (body?.items ?? body?.nodeTypes ?? []);
  return list.map((entry) => {
    const t = entry as Partial<NodeTypeInfo> & { type: string };
    return {
      type: t.type,
      version: t.version ?? 1,
      title: t.title ?? t.type,
      description: t.description ?? '',
      category: t.category ?? t.type.split('.')[0] ?? 'logic',
      icon: t.icon ?? '',
      inputs: normalizeHandles(t.inputs),
      outputs: normalizeHandles(t.outputs),
      configSchema: (t.configSchema ?? { type: 'object', properties: {} }) as JsonSchema,
      defaultConfig: (t.defaultConfig ?? {}) as Record<string, unknown>,
    };
  });
}

export type NodeTypeMap = ReadonlyMap<string, NodeTypeInfo>;

export function indexNodeTypes(types: readonly NodeTypeInfo[]): Map<string, NodeTypeInfo> {
  return new Map(types.map((t) => [t.type, t]));
}
