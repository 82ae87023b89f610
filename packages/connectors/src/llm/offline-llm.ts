import { AppError } from '@tandem/schema';
import type { LlmPort, LlmRequest, LlmResult } from '@tandem/nodes';
import { composeDraft, renderDraft } from './offline-draft.js';
import { hashString, sampleFromSchema, seededRandom } from './schema-sample.js';
import { fillTablesFromReport } from './offline-table.js';

/*
 * The default provider when no model is configured, so the product runs on any machine. It is
 * deterministic (the same request gives the same answer), free, instant, and always reports
 * model "offline" so nothing presents its drafts as real AI output.
 */

export const OFFLINE_MODEL = 'offline';

/** Rough token count (about four characters per token), so offline runs show plausible usage. */
function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function canceled(): AppError {
  return new AppError({ code: 'CANCELED', message: 'The model call was canceled' });
}

export function createOfflineLlm(): LlmPort {
  async function complete(request: LlmRequest): Promise<LlmResult> {
    if (request.signal?.aborted) throw canceled();
    const seedText = JSON.stringify([request.messages, request.output]);
    const random = seededRandom(hashString(seedText));
    const choose = <T>(options: readonly T[]): T => options[Math.floor(random() * options.length)]!;
    const parts = composeDraft(request.messages, choose);
    const maxWords =
      request.maxTokens === undefined
        ? undefined
        : Math.max(20, Math.floor(request.maxTokens * 0.75));
    let text: string;
    let data: unknown;
    if (request.output.kind === 'json') {
      const body = parts.paragraphs.join(' ');
      const sampled = sampleFromSchema(request.output.schema, {
        random,
        title: parts.title,
        sentences: body.split(/(?<=[.!?])\s+/).filter(Boolean),
        words: parts.keywords.length ? parts.keywords : ['update'],
      });
      // A table of numbers (a budget per channel) is filled from the report in the prompt.
      data = fillTablesFromReport(sampled, request.output.schema, request.messages);
      text = JSON.stringify(data);
    } else {
      text = renderDraft(parts, maxWords);
    }
    const promptTokens = estimateTokens(request.messages.map((m) => m.content).join('\n'));
    const result: LlmResult = {
      text,
      model: OFFLINE_MODEL,
      usage: { promptTokens, completionTokens: estimateTokens(text), costUsd: 0 },
    };
    if (request.output.kind === 'json') result.data = data;
    return result;
  }
  return { provider: 'offline', defaultModel: OFFLINE_MODEL, complete };
}
