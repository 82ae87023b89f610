import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError, isAppError } from '@tandem/schema';
import { buildOutputSchema, outputJsonSchema, type LlmPort, type LlmRequest } from '@tandem/nodes';
import { createOpenAiLlm } from './openai-llm.js';
import { createLlmFromEnv } from './llm-from-env.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './testing/fake-openai-server.js';

const PostSchema = z.strictObject({
  headline: z.string().min(3),
  body: z.string(),
  tags: z.array(z.string()).min(1),
});

const textRequest = (over: Partial<LlmRequest> = {}): LlmRequest => ({
  messages: [
    { role: 'system', content: 'You write for Acme.' },
    { role: 'user', content: 'Write a post about the spring launch.' },
  ],
  output: { kind: 'text' },
  ...over,
});

const jsonRequest = (over: Partial<LlmRequest> = {}): LlmRequest =>
  textRequest({
    output: { kind: 'json', name: 'post', schema: z.toJSONSchema(PostSchema) },
    ...over,
  });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** What the engine does: retry retryable failures, waiting what the server asked. */
async function withEngineRetries<T>(
  call: () => Promise<T>,
  maxAttempts: number,
  waits: number[],
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isAppError(error) || !error.retryable || attempt >= maxAttempts) throw error;
      const wait = error.retryAfterMs ?? 10;
      waits.push(wait);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

describe('createOpenAiLlm against a fake OpenAI-compatible server (real openai SDK)', () => {
  let server: FakeOpenAiServer;
  let llm: LlmPort;
  const warn = vi.fn();

  beforeEach(async () => {
    server = await startFakeOpenAiServer();
    warn.mockReset();
    llm = createOpenAiLlm({
      apiKey: 'sk-test-key',
      baseURL: server.baseURL,
      defaultModel: 'gpt-4o-mini',
      timeoutMs: 5_000,
      logger: { warn },
    });
  });

  afterEach(async () => {
    await server.close();
  });

  it('completes text and records usage and estimated cost', async () => {
    server.enqueue({
      kind: 'text',
      text: 'Spring is here.',
      usage: { promptTokens: 1_000, completionTokens: 500 },
    });
    const result = await llm.complete(textRequest({ temperature: 0.4, maxTokens: 300 }));
    expect(result.text).toBe('Spring is here.');
    expect(result.data).toBeUndefined();
    expect(result.model).toBe('gpt-4o-mini');
    // gpt-4o-mini: $0.15 / M input, $0.60 / M output.
    expect(result.usage).toEqual({
      promptTokens: 1_000,
      completionTokens: 500,
      costUsd: expect.closeTo(0.00045, 10),
    });
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-test-key');
    expect(sent.body).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0.4,
      max_tokens: 300,
      messages: [
        { role: 'system', content: 'You write for Acme.' },
        { role: 'user', content: 'Write a post about the spring launch.' },
      ],
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('uses the per-request model and prices it from the table, snapshot names included', async () => {
    server.enqueue({
      kind: 'text',
      text: 'ok',
      model: 'gpt-4o-2024-08-06',
      usage: { promptTokens: 2_000_000, completionTokens: 0 },
    });
    const result = await llm.complete(textRequest({ model: 'gpt-4o' }));
    expect((server.requests[0]!.body as { model: string }).model).toBe('gpt-4o');
    expect(result.model).toBe('gpt-4o-2024-08-06');
    expect(result.usage.costUsd).toBeCloseTo(5, 10);
  });

  it('records cost 0 for a model without a known price and says so once', async () => {
    server.enqueue({ kind: 'text', text: 'a', usage: { promptTokens: 10, completionTokens: 10 } });
    server.enqueue({ kind: 'text', text: 'b', usage: { promptTokens: 10, completionTokens: 10 } });
    const first = await llm.complete(textRequest({ model: 'llama3.1:8b' }));
    await llm.complete(textRequest({ model: 'llama3.1:8b' }));
    expect(first.usage).toEqual({ promptTokens: 10, completionTokens: 10, costUsd: 0 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![1]).toEqual({ model: 'llama3.1:8b' });
  });

  it('asks for strict structured output and parses the JSON', async () => {
    const post = { headline: 'Spring launch', body: 'It is here.', tags: ['launch'] };
    server.enqueue({ kind: 'json', data: post });
    const result = await llm.complete(jsonRequest());
    expect(result.data).toEqual(post);
    expect(PostSchema.parse(result.data)).toEqual(post);
    const format = (server.requests[0]!.body as { response_format: Record<string, unknown> })
      .response_format;
    expect(format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'post',
        strict: true,
        schema: {
          type: 'object',
          properties: {
            // minLength is refused by strict mode; the node's zod validation still enforces it.
            headline: { type: 'string' },
            body: { type: 'string' },
            tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
          },
          required: ['headline', 'body', 'tags'],
          additionalProperties: false,
        },
      },
    });
  });

  it("sends the node catalog's output schema strict, and its sample reply validates", async () => {
    const fields = [
      {
        name: 'changes',
        kind: 'table' as const,
        description: 'One row per channel',
        required: true,
        columns: [
          { name: 'channel', kind: 'text' as const, description: '' },
          { name: 'proposed', kind: 'number' as const, description: '' },
        ],
      },
      {
        name: 'summary',
        kind: 'text' as const,
        description: 'Two sentences',
        required: true,
        columns: [],
      },
    ];
    const result = await llm.complete(
      jsonRequest({
        output: { kind: 'json', name: 'recommend_output', schema: outputJsonSchema(fields) },
      }),
    );
    const sent = (
      server.requests[0]!.body as {
        response_format: { json_schema: { strict: boolean; schema: object } };
      }
    ).response_format.json_schema;
    expect(sent.strict).toBe(true);
    expect(JSON.stringify(sent.schema)).not.toMatch(/maxLength|\$schema/);
    expect(buildOutputSchema(fields).parse(result.data)).toEqual(result.data);
  });

  it('sends schemas strict mode cannot take (optional fields) as non-strict', async () => {
    server.enqueue({ kind: 'json', data: { title: 'x' } });
    const schema = z.toJSONSchema(
      z.strictObject({ title: z.string(), note: z.string().optional() }),
    );
    await llm.complete(jsonRequest({ output: { kind: 'json', name: 'with note', schema } }));
    const format = (server.requests[0]!.body as { response_format: { json_schema: object } })
      .response_format.json_schema;
    expect(format).toMatchObject({ name: 'with_note', strict: false });
  });

  it('accepts JSON wrapped in a markdown fence by a compatible server', async () => {
    server.enqueue({
      kind: 'text',
      text: '```json\n{"headline":"Hey","body":"b","tags":["t"]}\n```',
    });
    const result = await llm.complete(jsonRequest());
    expect(result.data).toEqual({ headline: 'Hey', body: 'b', tags: ['t'] });
  });

  it('rejects malformed JSON as a non-retryable LLM_OUTPUT_INVALID', async () => {
    server.enqueue({ kind: 'text', text: '{"headline": "Spring launch", "body":' });
    const error = await failure(llm.complete(jsonRequest()));
    expect(error.code).toBe('LLM_OUTPUT_INVALID');
    expect(error.retryable).toBe(false);
    expect(error.origin).toBe('user');
    expect(error.details.excerpt).toContain('Spring launch');
  });

  it('rejects JSON cut off by the token limit and a refusal', async () => {
    server.enqueue({ kind: 'text', text: '{"headline": "x"}', finishReason: 'length' });
    server.enqueue({ kind: 'refusal', refusal: 'I cannot help with that.' });
    expect((await failure(llm.complete(jsonRequest()))).code).toBe('LLM_OUTPUT_INVALID');
    const refused = await failure(llm.complete(textRequest()));
    expect(refused.code).toBe('LLM_OUTPUT_INVALID');
    expect(refused.message).toContain('I cannot help with that.');
  });

  it('surfaces a 429 with retry-after-ms as retryable; the engine-style retry then succeeds', async () => {
    server.enqueue(
      { kind: 'error', status: 429, headers: { 'retry-after-ms': '120' } },
      { kind: 'text', text: 'Second time lucky.' },
    );
    const waits: number[] = [];
    const started = Date.now();
    const result = await withEngineRetries(() => llm.complete(textRequest()), 3, waits);
    expect(result.text).toBe('Second time lucky.');
    expect(waits).toEqual([120]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    // The SDK did not retry on its own: one request per engine attempt.
    expect(server.requests).toHaveLength(2);
  });

  it('reads Retry-After in seconds and as an HTTP date', async () => {
    server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '7' } });
    const seconds = await failure(llm.complete(textRequest()));
    expect(seconds).toMatchObject({ code: 'LLM_ERROR', retryable: true, retryAfterMs: 7_000 });
    expect(seconds.details).toMatchObject({ status: 429, reason: 'rate_limited' });

    const at = new Date(Date.now() + 30_000).toUTCString();
    server.enqueue({ kind: 'error', status: 503, headers: { 'retry-after': at } });
    const dated = await failure(llm.complete(textRequest()));
    expect(dated.retryAfterMs).toBeGreaterThan(25_000);
    expect(dated.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('treats 500 as retryable and gives up after the engine exhausts its attempts', async () => {
    server.enqueue(
      { kind: 'error', status: 500, message: 'upstream exploded' },
      { kind: 'error', status: 500 },
      { kind: 'error', status: 500 },
    );
    const error = await failure(withEngineRetries(() => llm.complete(textRequest()), 3, []));
    expect(error).toMatchObject({ code: 'LLM_ERROR', retryable: true, retryAfterMs: undefined });
    expect(error.details).toMatchObject({ status: 500, reason: 'server_error' });
    expect(server.requests).toHaveLength(3);
  });

  it('treats other 4xx as permanent: bad request is the flow, bad key is the settings', async () => {
    server.enqueue({ kind: 'error', status: 400, message: 'Unknown model' });
    const bad = await failure(withEngineRetries(() => llm.complete(textRequest()), 3, []));
    expect(bad).toMatchObject({ code: 'LLM_ERROR', retryable: false, origin: 'user' });
    expect(bad.message).toContain('Unknown model');
    expect(server.requests).toHaveLength(1);

    server.enqueue({ kind: 'error', status: 401, message: 'Incorrect API key' });
    const key = await failure(llm.complete(textRequest()));
    expect(key).toMatchObject({ code: 'LLM_ERROR', retryable: false, origin: 'system' });
  });

  it('never repeats the API key a server quotes back in its refusal', async () => {
    // Proxies in front of a model (LiteLLM and the like) answer "Received API Key = ...".
    server.enqueue({ kind: 'error', status: 401, message: 'Invalid key. Received sk-test-key' });
    const refused = await failure(llm.complete(textRequest()));
    expect(refused.message).toContain('Received');
    expect(JSON.stringify({ m: refused.message, d: refused.details })).not.toContain('sk-test-key');
  });

  it('times out a slow reply as a retryable error, and waits for one within the limit', async () => {
    server.enqueue({ kind: 'text', text: 'slow but fine', delayMs: 100 });
    expect((await llm.complete(textRequest({ timeoutMs: 2_000 }))).text).toBe('slow but fine');

    server.enqueue({ kind: 'text', text: 'too late', delayMs: 3_000 });
    const started = Date.now();
    const error = await failure(llm.complete(textRequest({ timeoutMs: 200 })));
    expect(error).toMatchObject({ code: 'LLM_ERROR', retryable: true });
    expect(error.details.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a dropped connection as retryable', async () => {
    server.enqueue({ kind: 'drop' });
    const error = await failure(llm.complete(textRequest()));
    expect(error).toMatchObject({ code: 'LLM_ERROR', retryable: true });
    expect(error.details.reason).toBe('connection');
  });

  it('cancels through the AbortSignal', async () => {
    server.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await failure(llm.complete(textRequest({ signal: controller.signal })));
    expect(error).toMatchObject({ code: 'CANCELED', retryable: false });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('createLlmFromEnv', () => {
  it('is offline when neither a key nor a base URL is set', () => {
    const llm = createLlmFromEnv({ OPENAI_API_KEY: ' ', TANDEM_MODEL: 'gpt-4o' });
    expect(llm.provider).toBe('offline');
    expect(llm.defaultModel).toBe('offline');
  });

  it('talks to a compatible server with only a base URL (no key) and the configured model', async () => {
    const server = await startFakeOpenAiServer();
    try {
      const llm = createLlmFromEnv({ OPENAI_BASE_URL: server.baseURL, TANDEM_MODEL: 'llama3.1' });
      expect(llm).toMatchObject({ provider: 'openai', defaultModel: 'llama3.1' });
      const result = await llm.complete(textRequest());
      expect(result.text).toBe('Echo: Write a post about the spring launch.');
      expect((server.requests[0]!.body as { model: string }).model).toBe('llama3.1');
    } finally {
      await server.close();
    }
  });

  it('refuses to build an OpenAI client with neither key nor base URL', () => {
    expect(() => createOpenAiLlm({ defaultModel: 'gpt-4o', timeoutMs: 1_000 })).toThrow(
      /API key or an OpenAI-compatible base URL/,
    );
  });
});
