import type { BrowserContext, WebSocketRoute } from 'playwright-core';

export interface LiveSwitch {
  /** Drops every live connection, and strands each new one, as when the network is gone. */
  drop(): Promise<void>;
  /** Lets the stranded connection, and every later one, through to the server again. */
  restore(): void;
}

/**
 * Routes a context's socket.io connections through a switch the test controls. A connection
 * made while the switch is down reaches nothing and goes through once it is back up. Closing it
 * instead would leave the client waiting out its 20 s connect timeout: socket.io does not take a
 * clean close during the handshake for an error, so it does not retry at once.
 */
export async function routeLiveConnection(context: BrowserContext): Promise<LiveSwitch> {
  let down = false;
  const open: WebSocketRoute[] = [];
  const stranded: WebSocketRoute[] = [];
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (down) {
      stranded.push(ws);
      return;
    }
    open.push(ws);
    ws.connectToServer();
  });
  return {
    async drop() {
      down = true;
      for (const ws of open.splice(0)) await ws.close({ code: 1001, reason: 'offline' });
    },
    restore() {
      down = false;
      for (const ws of stranded.splice(0)) {
        open.push(ws);
        ws.connectToServer();
      }
    },
  };
}
