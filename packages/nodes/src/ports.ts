import type { PublicationChannel, Usage } from '@tandem/schema';

/*
 * Ports the node catalog calls. The engine hands implementations to nodes through their run
 * context; packages/connectors implements them for real (OpenAI-compatible, offline, webhook,
 * email, Slack, WordPress). Failures are AppErrors: `retryable` + `retryAfterMs` for transient
 * ones (429, 5xx, timeouts), non-retryable for permanent ones.
 */

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type LlmOutputSpec =
  | { kind: 'text' }
  /** `schema` is a JSON Schema derived from the node's declared fields. */
  | { kind: 'json'; name: string; schema: Record<string, unknown> };

export interface LlmRequest {
  /** Model name; the provider's default when absent. */
  model?: string;
  /** The LLM endpoint (a saved `llm` connection) the step asks; the workspace's when absent. */
  connectionId?: string;
  messages: LlmMessage[];
  temperature?: number;
  maxTokens?: number;
  output: LlmOutputSpec;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface LlmResult {
  text: string;
  /** Parsed JSON for `json` output (still validated by the node against its zod fields). */
  data?: unknown;
  /** The model that answered; "offline" for the offline provider. */
  model: string;
  usage: Usage;
}

export interface LlmPort {
  /** "offline" or "openai"; the UI says when AI is offline. */
  readonly provider: 'offline' | 'openai';
  readonly defaultModel: string;
  complete(request: LlmRequest): Promise<LlmResult>;
}

export interface PublishContent {
  /** The approved text (what the reviewer saw and approved, or the policy passed). */
  text: string;
  data?: unknown;
  /** Rendered title or subject (WordPress title, email subject), when the node has one. */
  title?: string;
  /**
   * Rendered body template (webhook JSON body, email HTML, Slack text, WordPress excerpt is in
   * `config`), when the node has one. Templates see only the approved content, never raw steps.
   */
  body?: string;
}

export interface PublishRequest {
  /** Idempotency key `runId:nodeId`, the same on every attempt. */
  key: string;
  channel: PublicationChannel;
  runId: string;
  flowId: string;
  nodeId: string;
  /** The publish node's validated config (target URL or connection id, templates, ...). */
  config: Record<string, unknown>;
  content: PublishContent;
  contentHash: string;
  /** 1 for the first attempt. */
  attempt: number;
  signal?: AbortSignal;
}

export interface PublishResult {
  status: number | null;
  externalId?: string;
  responseExcerpt?: string;
  /** Where it went, for display (URL without secrets, recipients, channel). */
  target: string;
  /** The request as sent, secrets removed, kept for replay and display. */
  request: Record<string, unknown>;
  durationMs: number;
}

/** What a publish would send, and where, without sending it (a test run's publish step). */
export interface PublishPreview {
  /** Where it would go, shown like a publication's target (secrets removed). */
  target: string;
  /** The request as it would be sent, secrets removed, like a publication's request. */
  request: Record<string, unknown>;
}

export interface PublisherPort {
  publish(request: PublishRequest): Promise<PublishResult>;
  /**
   * Checks and renders the request as `publish` would (config, saved connection, address
   * policy) but sends nothing and has no side effect. Publishers without it (test doubles) get
   * the engine's generic rendering.
   */
  preview?(request: PublishRequest): Promise<PublishPreview>;
}

export interface Clock {
  now(): Date;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
