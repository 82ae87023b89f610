import type { Graph, StorePort } from '@tandem/schema';
import { webhookUrlProblem } from '@tandem/connectors';
import { connectionKinds } from '@tandem/nodes';
import type { GraphProblem } from '@tandem/nodes';

/** The kind of saved connection each step type's `connectionId` names. */
const CONNECTION_KIND = connectionKinds();

/**
 * What a flow names by id must exist when it is published: a step's saved connection (of the
 * right kind) and a checkpoint's named deciders. Otherwise a run found out only when it got
 * there: after the AI call and the review, the publish failed on a missing connection, or a
 * task waited for a person who does not exist.
 */
export async function referenceProblems(graph: Graph, store: StorePort): Promise<GraphProblem[]> {
  const problems: GraphProblem[] = [];
  const needsConnections = graph.nodes.some((n) => typeof n.config.connectionId === 'string');
  const needsUsers = graph.nodes.some((n) => Array.isArray(n.config.assigneeUserIds));
  const connections = needsConnections ? await store.connections.list() : [];
  const users = needsUsers ? await store.users.list() : [];
  const connectionsById = new Map(connections.map((c) => [c.id, c]));
  const userIds = new Set(users.map((u) => u.id));
  graph.nodes.forEach((node, i) => {
    const at = (...path: (string | number)[]) => ['nodes', i, 'config', ...path];
    const connectionId = node.config.connectionId;
    const kind = CONNECTION_KIND.get(node.type);
    if (kind && typeof connectionId === 'string' && connectionId !== '') {
      const connection = connectionsById.get(connectionId);
      if (!connection) {
        problems.push({
          nodeId: node.id,
          path: at('connectionId'),
          message: 'No saved connection has this id; pick one in the step settings',
        });
      } else if (connection.kind !== kind) {
        problems.push({
          nodeId: node.id,
          path: at('connectionId'),
          message: `“${connection.name}” is a ${connection.kind} connection; this step needs a ${kind} connection`,
        });
      } else if (kind === 'webhook') {
        const problem = webhookUrlProblem(node.config.url, connection.settings.url);
        if (problem) problems.push({ nodeId: node.id, path: at('url'), message: problem });
      }
    }
    const assignees = node.config.assigneeUserIds;
    if (Array.isArray(assignees)) {
      assignees.forEach((userId, j) => {
        if (typeof userId === 'string' && !userIds.has(userId)) {
          problems.push({
            nodeId: node.id,
            path: at('assigneeUserIds', j),
            message: 'No user has this id; pick the people who may decide by name',
          });
        }
      });
    }
  });
  return problems;
}
