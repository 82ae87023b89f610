import type { Logger, LlmPort } from '@tandem/nodes';
import { createOfflineLlm } from './offline-llm.js';
import { createOpenAiLlm } from './openai-llm.js';

export interface LlmEnv {
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  TANDEM_MODEL?: string;
  /** Per-call timeout in milliseconds; 60 s when absent or not a positive number. */
  TANDEM_LLM_TIMEOUT_MS?: string;
}

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Picks the provider from the environment: OpenAI-compatible when a key or a base URL is set
 * (a base URL alone serves local servers such as Ollama), the offline provider otherwise.
 */
export function createLlmFromEnv(env: LlmEnv, options: { logger?: Logger } = {}): LlmPort {
  const apiKey = env.OPENAI_API_KEY?.trim() || undefined;
  const baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
  if (!apiKey && !baseURL) return createOfflineLlm();
  const timeout = Number(env.TANDEM_LLM_TIMEOUT_MS);
  return createOpenAiLlm({
    apiKey,
    baseURL,
    defaultModel: env.TANDEM_MODEL?.trim() || DEFAULT_OPENAI_MODEL,
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
    logger: options.logger,
  });
}
