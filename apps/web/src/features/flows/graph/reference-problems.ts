import type { ConnectionDirectoryEntry, UserDirectoryEntry } from '@tandem/schema';
import type { Problem } from './local-validation.js';
import type { NodeTypeInfo, NodeTypeMap } from './node-catalog.js';
import {
  connectionKindLabel,
  connectionProblem,
  peopleProblem,
  type ReferenceProblem,
} from './picker-options.js';
import { buildFormFields, type FormField } from './schema-form.js';

/** The directories as far as they are loaded: a list still loading (or refused) is null. */
export interface ReferenceDirectory {
  connections: readonly ConnectionDirectoryEntry[] | null;
  people: readonly UserDirectoryEntry[] | null;
  /** Admins add connections themselves; everyone else is told whom to ask. */
  canManageConnections?: boolean;
}

/** Where admins add connections, linked from the problem that needs one. */
export const CONNECTIONS_SETTINGS = '/settings/connections';

interface GraphLike {
  nodes: readonly { id: string; data: { nodeType: string; config: Record<string, unknown> } }[];
}

const pickerFieldCache = new WeakMap<NodeTypeInfo, FormField[]>();

function pickerFieldsOf(type: NodeTypeInfo): FormField[] {
  let fields = pickerFieldCache.get(type);
  if (!fields) {
    fields = buildFormFields(type.configSchema).filter(
      (f) => f.kind === 'connection' || f.kind === 'people',
    );
    pickerFieldCache.set(type, fields);
  }
  return fields;
}

/**
 * Saved connections and people a flow names by id that the directory does not have (deleted, or
 * a connection of another kind), as the server checks them on publish, so the problems list
 * shows them while the designer edits. Disabled ones are warnings: the flow publishes, but the
 * step fails or the person cannot sign in. A list not loaded is not checked.
 */
export function referenceProblems(
  graph: GraphLike,
  types: NodeTypeMap,
  directory: ReferenceDirectory,
): Problem[] {
  const problems: Problem[] = [];
  for (const node of graph.nodes) {
    const type = types.get(node.data.nodeType);
    if (!type) continue;
    for (const field of pickerFieldsOf(type)) {
      const value = node.data.config[field.key];
      let found: ReferenceProblem | null = null;
      if (field.kind === 'connection' && directory.connections) {
        found =
          typeof value === 'string' && value
            ? connectionProblem(directory.connections, field.connectionKind, value)
            : field.required
              ? noConnectionYet(
                  directory.connections,
                  field.connectionKind,
                  !!directory.canManageConnections,
                )
              : null;
      } else if (field.kind === 'people' && directory.people && Array.isArray(value)) {
        found = peopleProblem(
          directory.people,
          value.filter((v): v is string => typeof v === 'string'),
        );
      }
      if (found) problems.push({ nodeId: node.id, path: [field.key], ...found });
    }
  }
  return problems;
}

/**
 * The graph's own problems with the directory's: where both speak of one setting ("SMTP
 * connection: Required" and "No SMTP connection is saved yet"), the directory's, which says what
 * to do, is the one kept.
 */
export function withReferenceProblems(
  local: readonly Problem[],
  references: readonly Problem[],
): Problem[] {
  const key = (p: Problem) => `${p.nodeId}|${p.path.join('.')}`;
  const covered = new Set(references.map(key));
  return [...references, ...local.filter((p) => !covered.has(key(p)))];
}

/**
 * A required connection left empty when none of its kind is saved: "Required" told a designer
 * nothing they could act on, since only admins add connections. With one saved, choosing it is
 * the fix and the form's own "Required" says so.
 */
function noConnectionYet(
  directory: readonly ConnectionDirectoryEntry[],
  kind: string | undefined,
  canManageConnections: boolean,
): ReferenceProblem | null {
  if (directory.some((c) => !kind || c.kind === kind)) return null;
  const none = `No ${connectionKindLabel(kind) || 'saved'} connection is saved yet.`;
  return canManageConnections
    ? {
        severity: 'error',
        message: `${none} Add one in Settings → Connections, then choose it here.`,
        link: CONNECTIONS_SETTINGS,
      }
    : {
        severity: 'error',
        message: `${none} Ask an admin to add one in Settings → Connections, then choose it here.`,
      };
}

/** Whether any step of the flow has a field of this picker kind, so its directory is needed. */
export function usesPicker(
  graph: GraphLike,
  types: NodeTypeMap,
  kind: 'connection' | 'people',
): boolean {
  return graph.nodes.some((n) => {
    const type = types.get(n.data.nodeType);
    return !!type && pickerFieldsOf(type).some((f) => f.kind === kind);
  });
}

/** The step type's saved-connection field, if it has one: its key and the kind it takes. */
export function connectionFieldOf(type: NodeTypeInfo): FormField | undefined {
  return pickerFieldsOf(type).find((f) => f.kind === 'connection');
}
