export { createOpenAiLlm, type OpenAiLlmOptions } from './openai-llm.js';
export { isStrictCompatible, toStrictSchema } from './strict-schema.js';
export { createOfflineLlm, OFFLINE_MODEL } from './offline-llm.js';
export { createLlmFromEnv, DEFAULT_OPENAI_MODEL, type LlmEnv } from './llm-from-env.js';
export {
  createConnectionLlm,
  type ConnectionLlm,
  type ConnectionLlmOptions,
} from './connection-llm.js';
export { parseRetryAfterMs, toLlmAppError } from './llm-errors.js';
export {
  DEFAULT_PRICING,
  estimateCostUsd,
  priceFor,
  type ModelPrice,
  type PricingTable,
} from './pricing.js';
export { sampleFromSchema, type SampleContext } from './schema-sample.js';
export {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
  type FakeOpenAiServerOptions,
  type FakeReply,
  type FakeUsage,
  type RecordedRequest,
} from './testing/fake-openai-server.js';
