import { useState } from 'react';
import { useConnectionState } from '../../api/socket.js';

/** Why the decision buttons are off while the server cannot be reached. */
export const OFFLINE_REASON =
  'You are offline: deciding is paused until the connection is back. Your edits and notes are kept.';

/**
 * True while the live connection is down after it was up: a decision sent now would only fail.
 * The first connect of the page does not count, or the buttons would blink off on every load.
 */
export function useConnectionDown(): boolean {
  const state = useConnectionState();
  const [wasUp, setWasUp] = useState(state === 'connected');
  if (state === 'connected' && !wasUp) setWasUp(true);
  return state === 'disconnected' || (state === 'connecting' && wasUp);
}
