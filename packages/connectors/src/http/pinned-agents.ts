import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './outbound-url.js';

/** A kept connection idle this long is closed (below the usual 5 s server keep-alive). */
const IDLE_SOCKET_MS = 4_000;
/** Destinations whose agents are kept; the least recently used beyond this is closed. */
const MAX_DESTINATIONS = 256;

/** A socket `lookup` answered only from the checked addresses: no second DNS answer is used. */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
    const usable = addresses.filter((a) => wanted === 0 || a.family === wanted);
    if (usable.length === 0) {
      callback(
        Object.assign(new Error('No checked address of that family'), { code: 'ENOTFOUND' }),
        '',
        4,
      );
      return;
    }
    if (options.all) {
      (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, usable);
      return;
    }
    const first = usable[0] as ResolvedAddress;
    callback(null, first.address, first.family);
  };
}

/**
 * Closes an agent's idle connections and lets its busy ones finish their request, then close
 * (an agent that does not keep alive destroys a socket when its request is done). Destroying
 * them outright would cut a request mid-flight.
 */
function retire(agent: http.Agent): void {
  // Node's Agent reads this when a request ends: false destroys the socket then.
  (agent as http.Agent & { keepAlive: boolean }).keepAlive = false;
  for (const sockets of Object.values(agent.freeSockets)) {
    for (const socket of sockets ?? []) socket.destroy();
  }
}

/**
 * Keep-alive agents, one per checked destination: scheme, host name, port and the exact list of
 * addresses the policy approved. An agent's sockets were all opened to those addresses, so a
 * reused connection never reaches anything the current check did not approve: when DNS answers
 * differently, the request gets another agent (and the check runs on every request anyway).
 *
 * Why: a new TCP (and TLS) connection per publish cost the engine more CPU than the rest of
 * the publish step, and the receiver as much again.
 */
export class PinnedAgents {
  private readonly agents = new Map<string, http.Agent>();

  constructor(private readonly maxDestinations = MAX_DESTINATIONS) {}

  get(url: URL, addresses: ResolvedAddress[]): http.Agent {
    // Sorted: a resolver may answer the same addresses in another order (round-robin DNS).
    const list = addresses
      .map((a) => `${a.family}/${a.address}`)
      .sort()
      .join(',');
    const key = `${url.protocol}//${url.hostname}:${url.port}|${list}`;
    let agent = this.agents.get(key);
    if (agent !== undefined) {
      // Most recently used goes last, so eviction takes the stalest destination.
      this.agents.delete(key);
      this.agents.set(key, agent);
      return agent;
    }
    const options = { keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' as const };
    agent = url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    this.agents.set(key, agent);
    for (const [oldKey, old] of this.agents) {
      if (this.agents.size <= this.maxDestinations) break;
      this.agents.delete(oldKey);
      retire(old);
    }
    return agent;
  }

  /** Closes every kept connection. */
  destroy(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
