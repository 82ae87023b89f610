import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { AppError, type ErrorCode } from '@tandem/schema';
import {
  checkOutboundUrl,
  checkOutboundUrlResolved,
  redactUrl,
  resolveOutbound,
  type OutboundPolicyOptions,
  type ResolvedAddress,
} from './outbound-url.js';
import { PinnedAgents, pinnedLookup } from './pinned-agents.js';
import { deadlineSignal, untilAborted } from './request-deadline.js';
import { exchangeFailure } from './exchange-failure.js';

/*
 * The one outbound HTTP client. Every hop: parse and check the URL, resolve the host ourselves,
 * check every address, then connect to exactly the checked address (the socket's `lookup` is
 * answered from our list, so a second DNS answer can never be used: no rebinding gap).
 * Redirects are followed by hand so each hop gets the same checks. One deadline covers the
 * whole exchange, redirects and body included.
 */

export interface SafeHttpClientOptions extends OutboundPolicyOptions {
  /** Total time for one request, redirects and body included. Default 10 s. */
  timeoutMs?: number;
  /** Largest response body read. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Default 3; 0 returns 3xx responses as they are. */
  maxRedirects?: number;
  /** Code for network failures (connection refused, reset, DNS). Default PUBLISH_FAILED. */
  failureCode?: ErrorCode;
  userAgent?: string;
  /** Reuse connections to the same checked destination. Default true. */
  keepAlive?: boolean;
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SafeHttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
  /** Overrides the client's limits for this request. */
  timeoutMs?: number;
  /**
   * Opens a new connection instead of reusing a kept one. For a POST to a receiver that cannot
   * recognise a repeat (Slack's incoming webhooks): a kept connection the server closed just
   * as it was reused fails without telling whether the request was read, and such a receiver
   * may not be sent the request again.
   */
  freshConnection?: boolean;
  maxRedirects?: number;
  /**
   * `error` (default) refuses a body past the size limit; `truncate` keeps the first
   * maxResponseBytes and reports `truncated`, for callers that only need the status and an
   * excerpt (a publish that succeeded must not turn into a failure because the reply was big).
   */
  onOversize?: 'error' | 'truncate';
  /**
   * More headers that carry credentials (an API key header), dropped like Authorization when a
   * redirect leads to another origin: they were entered for the first host only.
   */
  originBoundHeaders?: string[];
}

export interface SafeHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  truncated: boolean;
  /** The URL that answered (after redirects), redacted. */
  url: string;
  redirects: number;
  durationMs: number;
  text(): string;
}

export interface SafeHttpClient {
  readonly allowPrivateNetwork: boolean;
  request(request: SafeHttpRequest): Promise<SafeHttpResponse>;
  /** Save-time check of a URL with this client's policy, DNS included. */
  checkUrl(url: string): Promise<URL>;
  /**
   * Checks and resolves a bare host for non-HTTP connectors (SMTP) under the same policy;
   * connect to one of the returned addresses, never to the name.
   */
  resolveHost(host: string): Promise<ResolvedAddress[]>;
  /** Closes kept-alive connections (idle ones close by themselves after a few seconds). */
  close(): void;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Credentials that must not follow a redirect to another origin. */
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

interface Hop {
  url: URL;
  method: HttpMethod;
  headers: Record<string, string>;
  body: Buffer | undefined;
  /** Lower-case names of the headers that stay with the first origin. */
  originBound: string[];
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  truncated: boolean;
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * Whether the request of the current hop was handed whole to the network. An error after that
 * (a timeout waiting for the answer, a reset) leaves open whether the receiver acted on it;
 * errors say so in `details.requestSent`.
 */
interface SendProgress {
  sent: boolean;
}

interface SendOptions {
  signal: AbortSignal;
  progress: SendProgress;
  maxBytes: number;
  onOversize: 'error' | 'truncate';
  /** Keep-alive agent for the checked addresses; false opens a connection per request. */
  agent: http.Agent | false;
}

/** Methods whose request may be sent twice with the same effect as once. */
const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);

/**
 * A kept connection the server closed just as we reused it fails with ECONNRESET before any
 * answer. That is usually a request the server never read, but it may have been: so only an
 * idempotent request is sent again here, once, on a new connection (what Node's documentation
 * advises for `reusedSocket`). A POST fails as a retryable network error instead, and the
 * engine's recorded retry (with its idempotency key) takes over.
 */
async function sendOnce(hop: Hop, addresses: ResolvedAddress[], opts: SendOptions) {
  try {
    return await sendOnSocket(hop, addresses, opts);
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw error;
    if (!IDEMPOTENT.has(hop.method)) throw error.cause;
    return sendOnSocket(hop, addresses, opts);
  }
}

class StaleSocketError extends Error {}

function sendOnSocket(
  hop: Hop,
  addresses: ResolvedAddress[],
  { signal, maxBytes, onOversize, agent, progress }: SendOptions,
): Promise<RawResponse> {
  progress.sent = false;
  return new Promise((resolve, reject) => {
    const transport = hop.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { ...hop.headers };
    if (hop.body !== undefined) headers['content-length'] = String(hop.body.length);
    const req = transport.request(hop.url, {
      method: hop.method,
      headers,
      lookup: pinnedLookup(addresses),
      agent,
      signal,
    });
    req.on('finish', () => {
      progress.sent = true;
    });
    req.on('error', (error: Error & { code?: string }) => {
      const stale = req.reusedSocket && error.code === 'ECONNRESET' && !signal.aborted;
      reject(stale ? new StaleSocketError(error.message, { cause: error }) : error);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = (): void =>
        resolve({
          status: res.statusCode ?? 0,
          headers: flattenHeaders(res.headers),
          body: Buffer.concat(chunks),
          truncated,
        });
      res.on('data', (chunk: Buffer) => {
        if (truncated) return;
        if (size + chunk.length > maxBytes) {
          if (onOversize === 'error') {
            res.destroy();
            reject(
              new AppError({
                code: 'PAYLOAD_TOO_LARGE',
                message: `The response is larger than ${maxBytes} bytes`,
                details: { url: redactUrl(hop.url), status: res.statusCode ?? null },
              }),
            );
            return;
          }
          chunks.push(chunk.subarray(0, maxBytes - size));
          size = maxBytes;
          truncated = true;
          finish();
          res.destroy();
          return;
        }
        size += chunk.length;
        chunks.push(chunk);
      });
      res.on('end', () => {
        if (!truncated) finish();
      });
      res.on('error', reject);
      // A peer that drops the connection mid-body must fail the request, not hang it.
      res.on('close', () => {
        if (!truncated && !res.complete)
          reject(new Error('Connection closed before the body ended'));
      });
    });
    req.end(hop.body);
  });
}

function nextHop(hop: Hop, status: number, location: string, policy: OutboundPolicyOptions): Hop {
  const url = checkOutboundUrl(new URL(location, hop.url).href, policy);
  const headers = { ...hop.headers };
  if (url.origin !== hop.url.origin) for (const name of hop.originBound) delete headers[name];
  // 303, and 301/302 after a POST, turn into a GET without a body (what browsers and curl do).
  if (status === 303 || ((status === 301 || status === 302) && hop.method === 'POST')) {
    delete headers['content-type'];
    return {
      ...hop,
      url,
      method: hop.method === 'HEAD' ? 'HEAD' : 'GET',
      headers,
      body: undefined,
    };
  }
  return { ...hop, url, headers };
}

function lowerCaseKeys(headers: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

export function createSafeHttpClient(options: SafeHttpClientOptions = {}): SafeHttpClient {
  const policy: OutboundPolicyOptions = {
    allowPrivateNetwork: options.allowPrivateNetwork ?? false,
    resolve: options.resolve,
    isAllowedAddress: options.isAllowedAddress,
  };
  const failureCode = options.failureCode ?? 'PUBLISH_FAILED';
  const agents = options.keepAlive === false ? null : new PinnedAgents();

  async function request(req: SafeHttpRequest): Promise<SafeHttpResponse> {
    const started = Date.now();
    const timeoutMs = req.timeoutMs ?? options.timeoutMs ?? 10_000;
    const maxRedirects = req.maxRedirects ?? options.maxRedirects ?? 3;
    const maxBytes = options.maxResponseBytes ?? 1024 * 1024;
    const { signal, release } = deadlineSignal(timeoutMs, req.signal);
    const headers = lowerCaseKeys(req.headers);
    headers['user-agent'] ??= options.userAgent ?? 'Tandem/1.0';
    let hop: Hop = {
      url: checkOutboundUrl(req.url, policy),
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : Buffer.from(req.body),
      originBound: [
        ...ORIGIN_BOUND_HEADERS,
        ...(req.originBoundHeaders ?? []).map((name) => name.toLowerCase()),
      ],
    };
    const elapsed = (): number => Date.now() - started;
    const progress: SendProgress = { sent: false };

    try {
      for (let redirects = 0; ; redirects += 1) {
        const addresses = await untilAborted(resolveOutbound(hop.url, policy), signal);
        const raw = await sendOnce(hop, addresses, {
          signal,
          progress,
          maxBytes,
          onOversize: req.onOversize ?? 'error',
          agent: agents && !req.freshConnection ? agents.get(hop.url, addresses) : false,
        });
        const location = raw.headers.location;
        if (REDIRECT_STATUSES.has(raw.status) && location && maxRedirects > 0) {
          if (redirects >= maxRedirects) {
            throw new AppError({
              code: failureCode,
              message: `More than ${maxRedirects} redirects`,
              origin: 'user',
              details: { url: redactUrl(hop.url), reason: 'redirects', status: raw.status },
            });
          }
          hop = nextHop(hop, raw.status, location, policy);
          continue;
        }
        return {
          ...raw,
          url: redactUrl(hop.url),
          redirects,
          durationMs: elapsed(),
          text: () => raw.body.toString('utf8'),
        };
      }
    } catch (error) {
      throw exchangeFailure(error, {
        url: hop.url,
        signal,
        callerSignal: req.signal,
        requestSent: progress.sent,
        timeoutMs,
        elapsed,
        failureCode,
      });
    } finally {
      release();
    }
  }

  async function resolveHost(host: string): Promise<ResolvedAddress[]> {
    const literal = isIP(host) === 6 ? `[${host}]` : host;
    return resolveOutbound(checkOutboundUrl(`http://${literal}/`, policy), policy);
  }

  return {
    allowPrivateNetwork: policy.allowPrivateNetwork ?? false,
    request,
    checkUrl: (url) => checkOutboundUrlResolved(url, policy),
    resolveHost,
    close: () => agents?.destroy(),
  };
}
