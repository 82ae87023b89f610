import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { AppError } from '@tandem/schema';
import type { Logger, LlmPort, LlmRequest, LlmResult } from '@tandem/nodes';
import { toLlmAppError } from './llm-errors.js';
import { isStrictCompatible, toStrictSchema } from './strict-schema.js';
import { DEFAULT_PRICING, estimateCostUsd, priceFor, type PricingTable } from './pricing.js';

export interface OpenAiLlmOptions {
  /**
   * API key. Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) accept any value; when
   * only a base URL is configured a placeholder is sent.
   */
  apiKey?: string;
  /** e.g. http://localhost:11434/v1 for Ollama; OpenAI's API when absent. */
  baseURL?: string;
  defaultModel: string;
  /** Per-call timeout unless the request sets its own. */
  timeoutMs: number;
  /** Overrides and additions to the estimated price table, per model name. */
  pricing?: PricingTable;
  /**
   * OpenAI deprecated `max_tokens` (its reasoning models refuse it) while many compatible servers
   * only read `max_tokens`. Defaults to `max_completion_tokens` for OpenAI itself and
   * `max_tokens` when a custom base URL is set.
   */
  maxTokensParam?: 'max_tokens' | 'max_completion_tokens';
  /** Told once per model the price table does not know (its cost is recorded as 0). */
  logger?: Pick<Logger, 'warn'>;
  /** For tests and proxies: the fetch the SDK uses. */
  fetch?: typeof fetch;
}

const PLACEHOLDER_KEY = 'not-needed-for-local-server';

/** Some compatible servers wrap JSON in a markdown fence even when asked for JSON. */
function stripFence(content: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(content);
  return match ? match[1]! : content;
}

function invalidOutput(message: string, model: string, excerpt: string): AppError {
  return new AppError({
    code: 'LLM_OUTPUT_INVALID',
    message,
    details: { model, excerpt: excerpt.slice(0, 500) },
    origin: 'user',
  });
}

/** The LLM port over the official openai SDK (chat completions). */
export function createOpenAiLlm(options: OpenAiLlmOptions): LlmPort {
  if (!options.apiKey && !options.baseURL) {
    throw new AppError({
      code: 'CONFIG_INVALID',
      message: 'An OpenAI API key or an OpenAI-compatible base URL is required',
      details: { fields: ['OPENAI_API_KEY', 'OPENAI_BASE_URL'] },
    });
  }
  const client = new OpenAI({
    apiKey: options.apiKey || PLACEHOLDER_KEY,
    // Explicit values, so the SDK does not pick up OPENAI_* variables behind the config's back.
    baseURL: options.baseURL ?? null,
    organization: null,
    project: null,
    timeout: options.timeoutMs,
    // The engine owns retries (backoff, Retry-After, attempt counts on the step).
    maxRetries: 0,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const pricing: PricingTable = { ...DEFAULT_PRICING, ...options.pricing };
  const maxTokensParam =
    options.maxTokensParam ?? (options.baseURL ? 'max_tokens' : 'max_completion_tokens');
  const unpricedWarned = new Set<string>();

  async function complete(request: LlmRequest): Promise<LlmResult> {
    const model = request.model || options.defaultModel;
    const body: ChatCompletionCreateParamsNonStreaming = {
      model,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    };
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.maxTokens !== undefined) body[maxTokensParam] = request.maxTokens;
    if (request.output.kind === 'json') {
      const { $schema: _ignored, ...schema } = request.output.schema;
      const strict = isStrictCompatible(schema);
      body.response_format = {
        type: 'json_schema',
        json_schema: {
          name: request.output.name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'output',
          schema: strict ? toStrictSchema(schema) : schema,
          strict,
        },
      };
    }

    let completion;
    try {
      completion = await client.chat.completions.create(body, {
        timeout: request.timeoutMs ?? options.timeoutMs,
        maxRetries: 0,
        signal: request.signal ?? null,
      });
    } catch (error) {
      throw toLlmAppError(error, { model, secrets: options.apiKey ? [options.apiKey] : [] });
    }

    const answeredBy = completion.model || model;
    const choice = completion.choices?.[0];
    const message = choice?.message;
    if (!message || (message.content == null && message.refusal)) {
      throw invalidOutput(
        message?.refusal ? `The model refused: ${message.refusal}` : 'The model returned no answer',
        answeredBy,
        message?.refusal ?? '',
      );
    }
    const text = message.content ?? '';
    const promptTokens = completion.usage?.prompt_tokens ?? 0;
    const completionTokens = completion.usage?.completion_tokens ?? 0;
    if (!priceFor(answeredBy, pricing) && !unpricedWarned.has(answeredBy)) {
      unpricedWarned.add(answeredBy);
      options.logger?.warn('No price known for this model; its cost is recorded as 0', {
        model: answeredBy,
      });
    }
    const result: LlmResult = {
      text,
      model: answeredBy,
      usage: {
        promptTokens,
        completionTokens,
        costUsd: estimateCostUsd(answeredBy, promptTokens, completionTokens, pricing),
      },
    };
    if (request.output.kind === 'json') {
      if (choice.finish_reason === 'length') {
        throw invalidOutput('The model ran out of tokens before finishing its JSON', model, text);
      }
      try {
        result.data = JSON.parse(stripFence(text));
      } catch {
        throw invalidOutput('The model did not return valid JSON', answeredBy, text);
      }
    }
    return result;
  }

  return { provider: 'openai', defaultModel: options.defaultModel, complete };
}
