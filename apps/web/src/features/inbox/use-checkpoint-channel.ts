import { useEffect, useState } from 'react';
import { channelForCheckpoint, type Channel } from './channel-preview.js';
import { getFlow } from './inbox-api.js';

/**
 * Where the checkpoint's content is published (a social post, an email...), read from its flow,
 * so the preview shows it as it will look there; plain text until known or when unreadable.
 */
export function useCheckpointChannel(flowId: string | undefined, nodeId: string | undefined) {
  const [channel, setChannel] = useState<Channel>('plain');
  useEffect(() => {
    if (!flowId || !nodeId) return;
    const ctrl = new AbortController();
    getFlow(flowId, ctrl.signal)
      .then((flow) => setChannel(channelForCheckpoint(flow.graph, nodeId)))
      .catch(() => setChannel('plain'));
    return () => ctrl.abort();
  }, [flowId, nodeId]);
  return [channel, setChannel] as const;
}
