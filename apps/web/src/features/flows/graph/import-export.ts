import { FlowInputSchema, type FlowInput } from '@tandem/schema';
import type { NodeTypeMap } from './node-catalog.js';

export interface ImportProblem {
  path: (string | number)[];
  message: string;
}

export type ImportResult = { ok: true; flow: FlowInput } | { ok: false; problems: ImportProblem[] };

/** The file a flow is exported to: exactly what the API accepts to create a flow. */
export function exportFlow(flow: FlowInput): string {
  const { name, description, graph } = flow;
  return `${JSON.stringify({ name, ...(description ? { description } : {}), graph }, null, 2)}\n`;
}

export function exportFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'flow'}.tandem.json`;
}

/**
 * Reads an exported flow (or a full flow / template object, whose extra fields are dropped),
 * validates it with the API's own schema and checks every node type exists. Nothing runs.
 */
export function parseImportedFlow(text: string, types: NodeTypeMap): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problems: [{ path: [], message: `Not a JSON file: ${(error as Error).message}` }],
    };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      problems: [{ path: [], message: 'Expected a flow object with name and graph' }],
    };
  }
  const r = raw as Record<string, unknown>;
  const candidate = {
    name: r.name,
    ...(typeof r.description === 'string' ? { description: r.description } : {}),
    graph: r.graph,
  };
  const parsed = FlowInputSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
      })),
    };
  }
  const problems: ImportProblem[] = [];
  const ids = new Set(parsed.data.graph.nodes.map((n) => n.id));
  parsed.data.graph.nodes.forEach((n, i) => {
    if (!types.has(n.type))
      problems.push({
        path: ['graph', 'nodes', i, 'type'],
        message: `Unknown step type "${n.type}"`,
      });
  });
  parsed.data.graph.edges.forEach((e, i) => {
    if (!ids.has(e.source))
      problems.push({ path: ['graph', 'edges', i, 'source'], message: `No step "${e.source}"` });
    if (!ids.has(e.target))
      problems.push({ path: ['graph', 'edges', i, 'target'], message: `No step "${e.target}"` });
  });
  return problems.length ? { ok: false, problems } : { ok: true, flow: parsed.data };
}
