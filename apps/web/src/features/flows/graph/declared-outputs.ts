import type { NodeTypeMap } from './node-catalog.js';
import type { FieldOption, FormField } from './schema-form.js';
import { indexGraph, upstreamOf, type GraphIndex } from './variables.js';

/*
 * The structured fields an AI step declares (Output: Structured fields), as a later step that
 * reads them by name sees them: a budget guard's "List field" is one of its tables, the columns
 * are that table's columns. Resolved the way the step finds its content when it runs: the step
 * its settings name, else the nearest AI step or checkpoint before it, a checkpoint passing on
 * the content of the step it reviewed.
 */

export interface DeclaredColumn {
  name: string;
  kind: string;
  description: string;
}

export interface DeclaredField extends DeclaredColumn {
  columns: DeclaredColumn[];
}

export interface DeclaredOutputs {
  /** The AI step that declares them. */
  stepId: string;
  /** Its name on the canvas ("Recommend changes"). */
  stepTitle: string;
  /** False for free text: the step returns no fields at all. */
  structured: boolean;
  fields: DeclaredField[];
}

interface GraphLike {
  nodes: readonly {
    id: string;
    data: { nodeType: string; label?: string; config: Record<string, unknown> };
  }[];
  edges: readonly { source: string; target: string }[];
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const records = (v: unknown) =>
  Array.isArray(v)
    ? (v.filter((x) => x && typeof x === 'object') as Record<string, unknown>[])
    : [];

function columnOf(raw: Record<string, unknown>): DeclaredColumn {
  return {
    name: text(raw.name),
    kind: text(raw.kind) || 'text',
    description: text(raw.description),
  };
}

/** The AI step whose content `nodeId` reads, or null when none comes before it. */
export function declaredOutputsFor(
  graph: GraphLike,
  nodeId: string,
  types?: NodeTypeMap,
  index: GraphIndex = indexGraph(graph),
): DeclaredOutputs | null {
  const seen = new Set<string>();
  let current = nodeId;
  // A checkpoint hands on what it reviewed; follow it back, each step at most once.
  for (;;) {
    if (seen.has(current)) return null;
    seen.add(current);
    const node = index.byId.get(current);
    if (!node) return null;
    const named = text(node.data.config.sourceNodeId);
    const sourceId = named
      ? named
      : upstreamOf(graph, current, index.incoming).find((id) =>
          ['ai.generate', 'human.review'].includes(index.byId.get(id)?.data.nodeType ?? ''),
        );
    const source = sourceId ? index.byId.get(sourceId) : undefined;
    if (!source) return null;
    if (source.data.nodeType === 'human.review') {
      current = source.id;
      continue;
    }
    if (source.data.nodeType !== 'ai.generate') return null;
    const config = source.data.config;
    return {
      stepId: source.id,
      stepTitle: source.data.label || types?.get('ai.generate')?.title || source.id,
      structured: config.output === 'json',
      fields:
        config.output === 'json'
          ? records(config.fields)
              .map((f) => ({ ...columnOf(f), columns: records(f.columns).map(columnOf) }))
              .filter((f) => f.name)
          : [],
    };
  }
}

const KIND_WORDS: Record<string, string> = {
  table: 'Table',
  text: 'Text',
  number: 'Number',
  boolean: 'Yes or no',
  text_list: 'List of texts',
};

/** A kind in a sentence: "is a text field, not a table". */
const KIND_NOUN: Record<string, string> = {
  table: 'a table',
  text: 'a text field',
  number: 'a number field',
  boolean: 'a yes-or-no field',
  text_list: 'a list of texts',
};
const kindNoun = (kind: string) => KIND_NOUN[kind] ?? kind;

/** The value of a sibling setting, or its default when it is left out. */
function siblingValue(fields: readonly FormField[], values: Record<string, unknown>, key: string) {
  const value = values[key] ?? fields.find((f) => f.key === key)?.schema.default;
  return typeof value === 'string' ? value.trim() : '';
}

/** The kinds the field takes, from its `fieldKinds` hint; none means any. */
function kindsOf(field: FormField): readonly string[] | null {
  const kinds = field.schema.fieldKinds;
  return Array.isArray(kinds) && kinds.length ? (kinds as string[]) : null;
}

/**
 * What an output-field setting offers: the declared fields of its kinds, or for a column the
 * columns of the table its sibling names, each with what it holds.
 */
export function outputFieldOptions(
  field: FormField,
  siblings: readonly FormField[],
  values: Record<string, unknown>,
  declared: DeclaredOutputs | null,
): FieldOption[] {
  if (!declared) return [];
  const kinds = kindsOf(field);
  const fits = (kind: string) => !kinds || kinds.includes(kind);
  const option = (c: DeclaredColumn) => ({
    value: c.name,
    label: c.description || KIND_WORDS[c.kind] || c.kind,
  });
  const tableKey = typeof field.columnsOf === 'string' ? field.columnsOf : null;
  if (!tableKey) return declared.fields.filter((f) => fits(f.kind)).map(option);
  const table = declared.fields.find((f) => f.name === siblingValue(siblings, values, tableKey));
  return (table?.columns ?? []).filter((c) => c.name && fits(c.kind)).map(option);
}

/**
 * Why an output-field setting will not find what it names when the step runs, or null: the AI
 * step writes free text, declares no such field, or its table has no such column.
 */
export function outputFieldProblem(
  field: FormField,
  siblings: readonly FormField[],
  values: Record<string, unknown>,
  declared: DeclaredOutputs | null,
): string | null {
  // Nothing to judge by: no AI step before this one, or (for a column) no table found.
  if (!declared) return null;
  const value = siblingValue(siblings, values, field.key);
  if (!value) return null;
  const step = `“${declared.stepTitle}”`;
  const tableKey = typeof field.columnsOf === 'string' ? field.columnsOf : null;
  if (!declared.structured) {
    return tableKey
      ? null
      : `${step} writes free text, with no “${value}” to read: set its Output to Structured fields`;
  }
  if (!tableKey) {
    const found = declared.fields.find((f) => f.name === value);
    const kinds = kindsOf(field);
    if (!found) return `${step} declares no field “${value}”`;
    if (kinds && !kinds.includes(found.kind)) {
      return `“${value}” in ${step} is ${kindNoun(found.kind)}, not ${kinds.map(kindNoun).join(' or ')}`;
    }
    return null;
  }
  const tableName = siblingValue(siblings, values, tableKey);
  const table = declared.fields.find((f) => f.name === tableName && f.kind === 'table');
  if (!table || table.columns.some((c) => c.name === value)) return null;
  return `The table “${tableName}” in ${step} has no column “${value}”`;
}
