import { useEffect, useMemo, useRef } from 'react';
import { coalesce } from '../../api/coalesce.js';
import { useResync, useRoom } from '../../api/socket.js';

/**
 * Watches a flow's room and returns a trigger for `reload`, coalesced: at most one reload in
 * flight plus one trailing however many events arrive together. A reconnect reloads too, as
 * events may have been missed while the socket was away.
 */
export function useFlowReloads(flowId: string | undefined, reload: () => Promise<void>) {
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  });
  const reloads = useMemo(() => coalesce(() => latest.current()), []);
  useRoom(flowId ? `flow:${flowId}` : null);
  useResync(() => reloads.trigger());
  return reloads.trigger;
}
