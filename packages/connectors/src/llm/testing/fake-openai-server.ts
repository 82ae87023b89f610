import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashString, sampleFromSchema, seededRandom } from '../schema-sample.js';

/*
 * A real OpenAI-compatible HTTP server on 127.0.0.1 for tests: it speaks
 * POST /v1/chat/completions the way the API does (status codes, error bodies, Retry-After
 * headers, usage), answers from a per-test queue of scripted replies, and records every request
 * so tests can assert what the SDK actually sent. When the queue is empty it answers with an
 * echo (text) or a schema-valid sample (json_schema), or with the test's own fallback.
 */

export interface FakeUsage {
  promptTokens: number;
  completionTokens: number;
}

interface ReplyBase {
  /** Wait this long before answering (slow model, timeouts). */
  delayMs?: number;
}

export type FakeReply =
  | (ReplyBase & {
      kind: 'text';
      /** Message content as sent; also how to script malformed JSON. */
      text: string;
      model?: string;
      usage?: FakeUsage;
      finishReason?: 'stop' | 'length' | 'content_filter';
    })
  | (ReplyBase & { kind: 'json'; data: unknown; model?: string; usage?: FakeUsage })
  | (ReplyBase & { kind: 'refusal'; refusal: string })
  | (ReplyBase & {
      kind: 'error';
      status: number;
      message?: string;
      /** e.g. { 'retry-after': '2' } or { 'retry-after-ms': '150' }. */
      headers?: Record<string, string>;
    })
  /** Never answers; the client's timeout or abort ends the request. */
  | { kind: 'hang' }
  /** Closes the connection without an answer. */
  | (ReplyBase & { kind: 'drop' });

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (null when it was not JSON). */
  body: unknown;
  receivedAt: number;
}

export interface FakeOpenAiServerOptions {
  replies?: FakeReply[];
  /** Answers requests once the queue is empty; defaults to an echo / schema sample. */
  fallback?: (request: RecordedRequest) => FakeReply;
  /** Model reported when a reply does not name one; defaults to the requested model. */
  model?: string;
}

export interface FakeOpenAiServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** `${url}/v1`, what the openai SDK takes as baseURL. */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  enqueue(...replies: FakeReply[]): void;
  /** Scripted replies not yet used. */
  pending(): number;
  close(): Promise<void>;
}

interface ChatBody {
  model?: unknown;
  messages?: unknown;
  stream?: unknown;
  response_format?: { type?: string; json_schema?: { schema?: Record<string, unknown> } };
}

function defaultFallback(request: RecordedRequest): FakeReply {
  const body = request.body as ChatBody;
  const messages = Array.isArray(body.messages) ? (body.messages as { content?: unknown }[]) : [];
  const last = String(messages.at(-1)?.content ?? '');
  const schema = body.response_format?.json_schema?.schema;
  if (body.response_format?.type === 'json_schema' && schema) {
    const random = seededRandom(hashString(JSON.stringify(body)));
    const words = last.split(/\W+/).filter((w) => w.length > 3);
    const data = sampleFromSchema(schema, {
      random,
      title: words.slice(0, 4).join(' ') || 'Reply',
      sentences: [last.slice(0, 200) || 'Reply.'],
      words: words.length ? words : ['reply'],
    });
    return { kind: 'json', data };
  }
  return { kind: 'text', text: `Echo: ${last.slice(0, 500)}` };
}

function countTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-request-id': `req_fake_${Date.now().toString(36)}`,
    ...headers,
  });
  res.end(payload);
}

function errorType(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 401) return 'invalid_api_key';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

export async function startFakeOpenAiServer(
  options: FakeOpenAiServerOptions = {},
): Promise<FakeOpenAiServer> {
  const queue: FakeReply[] = [...(options.replies ?? [])];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let completions = 0;

  function completion(reply: FakeReply, body: ChatBody): unknown {
    const requested = typeof body.model === 'string' ? body.model : 'fake-model';
    const messages = Array.isArray(body.messages) ? (body.messages as { content?: unknown }[]) : [];
    const promptText = messages.map((m) => String(m.content ?? '')).join('\n');
    let content: string | null = null;
    let refusal: string | null = null;
    let finishReason = 'stop';
    let usage: FakeUsage | undefined;
    let model = options.model ?? requested;
    if (reply.kind === 'text') {
      content = reply.text;
      finishReason = reply.finishReason ?? 'stop';
      usage = reply.usage;
      model = reply.model ?? model;
    } else if (reply.kind === 'json') {
      content = JSON.stringify(reply.data);
      usage = reply.usage;
      model = reply.model ?? model;
    } else if (reply.kind === 'refusal') {
      refusal = reply.refusal;
    }
    const promptTokens = usage?.promptTokens ?? countTokens(promptText);
    const completionTokens = usage?.completionTokens ?? countTokens(content ?? refusal ?? '');
    completions += 1;
    return {
      id: `chatcmpl-fake-${completions}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    };
  }

  function answer(req: IncomingMessage, res: ServerResponse, reply: FakeReply, body: ChatBody) {
    if (reply.kind === 'hang') return;
    const send = (): void => {
      if (res.destroyed || res.writableEnded) return;
      if (reply.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (reply.kind === 'error') {
        sendJson(
          res,
          reply.status,
          {
            error: {
              message: reply.message ?? `Fake error ${reply.status}`,
              type: errorType(reply.status),
              param: null,
              code: reply.status === 429 ? 'rate_limit_exceeded' : null,
            },
          },
          reply.headers,
        );
        return;
      }
      sendJson(res, 200, completion(reply, body));
    };
    if (!reply.delayMs) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, reply.delayMs);
    timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = null;
      }
      const path = (req.url ?? '/').split('?')[0]!;
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        headers: { ...req.headers },
        body,
        receivedAt: Date.now(),
      };
      requests.push(recorded);
      if (recorded.method !== 'POST' || path !== '/v1/chat/completions') {
        sendJson(res, 404, { error: { message: `No route ${path}`, type: 'not_found' } });
        return;
      }
      const chat = body as ChatBody | null;
      if (!chat || typeof chat.model !== 'string' || !Array.isArray(chat.messages)) {
        sendJson(res, 400, {
          error: { message: 'model and messages are required', type: 'invalid_request_error' },
        });
        return;
      }
      if (chat.stream === true) {
        sendJson(res, 400, {
          error: { message: 'The fake server does not stream', type: 'invalid_request_error' },
        });
        return;
      }
      const reply = queue.shift() ?? (options.fallback ?? defaultFallback)(recorded);
      answer(req, res, reply, chat);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    pending: () => queue.length,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
