import { isAppError } from '@tandem/schema';
import type { Graph } from '@tandem/schema';
import { checkOutboundUrl } from '@tandem/connectors';
import type { GraphProblem } from '@tandem/nodes';

/** Refusals the address policy makes; a malformed URL or scheme is the node's own problem. */
const NOT_ABOUT_THE_ADDRESS = new Set(['invalid', 'scheme']);

/**
 * A send to a literal private, loopback or link-local address (169.254.169.254, 2130706433,
 * localhost) is refused when the flow is published, as a connection with one is when saved,
 * rather than at its first run's send. Host names are resolved and judged when sending.
 */
export function addressProblems(graph: Graph, allowPrivateNetwork: boolean): GraphProblem[] {
  return graph.nodes.flatMap((node, i) => {
    const url = node.type === 'publish.webhook' ? node.config.url : undefined;
    if (typeof url !== 'string' || url === '') return [];
    try {
      checkOutboundUrl(url, { allowPrivateNetwork });
      return [];
    } catch (error) {
      if (!isAppError(error, 'URL_FORBIDDEN')) throw error;
      if (NOT_ABOUT_THE_ADDRESS.has(String(error.details.reason))) return [];
      return [{ nodeId: node.id, path: ['nodes', i, 'config', 'url'], message: error.message }];
    }
  });
}
