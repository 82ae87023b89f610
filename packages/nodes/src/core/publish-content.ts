import { AppError } from '@tandem/schema';
import type { PublicationChannel } from '@tandem/schema';
import type { JsonValue, NodeRunContext, NodeRunResult, OutputFieldSpec } from './define-node.js';
import { findContent } from './content.js';
import { hashContent } from './sha256.js';
import { renderTemplate } from './template.js';

/** Node types whose output can be published, nearest first. */
const PUBLISHABLE = ['human.review', 'ai.generate', 'trigger.manual', 'trigger.webhook'];

export interface ApprovedContent {
  text: string;
  data?: unknown;
  sourceNodeId: string;
}

/** The content a publish step sends: the nearest upstream reviewed (or generated) content. */
export function publishableContent(ctx: NodeRunContext<unknown>): ApprovedContent {
  const content = findContent(ctx, { types: PUBLISHABLE });
  if (!content) {
    throw new AppError({
      code: 'CONFIG_INVALID',
      origin: 'user',
      message: 'There is nothing before this publish step to send; connect it after a review.',
    });
  }
  return {
    text: content.text,
    ...(content.data !== undefined ? { data: content.data } : {}),
    sourceNodeId: content.nodeId,
  };
}

/**
 * Publish templates see the approved content, the run's ids, its input and the brand, but not
 * other steps: a template must not smuggle unapproved AI output past the checkpoint.
 */
export function publishScope(
  ctx: NodeRunContext<unknown>,
  content: ApprovedContent,
): Record<string, unknown> {
  return {
    content: { text: content.text, data: content.data ?? null },
    run: { id: ctx.run.id, flowId: ctx.run.flowId, nodeId: ctx.node.id, key: publicationKey(ctx) },
    input: ctx.input,
    brand: ctx.brand ?? {},
  };
}

/**
 * `runId:nodeId`, one Publication per publish step. A step a request for changes runs again
 * (a notice between the AI step and its review) sends the new draft under a key of its own,
 * `runId:nodeId:iteration`: under the first one it met the earlier draft and failed its run.
 */
export function publicationKeyOf(runId: string, nodeId: string, iteration: number): string {
  return iteration > 0 ? `${runId}:${nodeId}:${iteration}` : `${runId}:${nodeId}`;
}

export function publicationKey(ctx: NodeRunContext<unknown>): string {
  return publicationKeyOf(ctx.run.id, ctx.node.id, ctx.iteration);
}

export interface SendOptions {
  channel: PublicationChannel;
  config: Record<string, unknown>;
  content: ApprovedContent;
  title?: string;
  body?: string;
}

/**
 * Hands approved content to the publisher port and turns its answer into the step output. In a
 * test run the engine's publisher sends nothing and answers with what it would have sent: the
 * output says so (`test`, `wouldSend`) and has no status or external id.
 */
export async function sendContent(
  ctx: NodeRunContext<unknown>,
  options: SendOptions,
): Promise<NodeRunResult> {
  const { content } = options;
  const key = publicationKey(ctx);
  const contentHash = hashContent(content);
  const result = await ctx.publisher.publish({
    key,
    channel: options.channel,
    runId: ctx.run.id,
    flowId: ctx.run.flowId,
    nodeId: ctx.node.id,
    config: options.config,
    content: {
      text: content.text,
      ...(content.data !== undefined ? { data: content.data } : {}),
      ...(options.title !== undefined ? { title: options.title } : {}),
      ...(options.body !== undefined ? { body: options.body } : {}),
    },
    contentHash,
    attempt: ctx.attempt,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const output = {
    publicationKey: key,
    channel: options.channel,
    target: result.target,
    status: result.status,
    externalId: result.externalId ?? null,
    contentHash,
  };
  if (ctx.run.test) {
    const wouldSend = { target: result.target, request: result.request };
    const preview = { ...output, status: null, externalId: null, test: true, wouldSend };
    return { kind: 'done', output: preview as JsonValue };
  }
  return { kind: 'done', output: output as JsonValue };
}

export function renderOptional(
  template: string | undefined,
  scope: Record<string, unknown>,
  field: string,
  html = false,
): string | undefined {
  return template === undefined ? undefined : renderTemplate(template, scope, { field, html });
}

/** What every publish step returns (see sendContent). */
export const PUBLISH_OUTPUT_FIELDS: readonly OutputFieldSpec[] = [
  { key: 'status', description: 'Publish status' },
  { key: 'target', description: 'Where it was sent' },
  { key: 'externalId', description: 'Id the other system gave it' },
  { key: 'channel', description: 'Channel' },
  { key: 'publicationKey', description: 'Idempotency key' },
  { key: 'contentHash', description: 'Fingerprint of the published content' },
];
