import type { Socket } from 'socket.io-client';

/**
 * socket.io does not reconnect by itself after the server ended the connection ('io server
 * disconnect'). The server does that when a user's roles change, or when its session sweep
 * finds them changed: the client must come back, with its token, to the rooms its roles now
 * give. A revoked session then fails with UNAUTHENTICATED and stays disconnected (the
 * client does not retry a refused connect). The pause keeps a server that keeps dropping the
 * socket (its event rate limit) out of a tight loop. Returns a function that stops it.
 */
export function reconnectAfterServerDrop(socket: Socket, delayMs = 1_000): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const onDisconnect = (reason: Socket.DisconnectReason) => {
    if (reason !== 'io server disconnect' || timer) return;
    timer = setTimeout(() => {
      timer = null;
      if (!socket.connected) socket.connect();
    }, delayMs);
  };
  socket.on('disconnect', onDisconnect);
  return () => {
    socket.off('disconnect', onDisconnect);
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
