import { z } from 'zod';
import { AppError } from '@tandem/schema';
import { defineNode, IN, OUT } from '../core/define-node.js';
import {
  advanced,
  connectionPicker,
  duration,
  optionLabels,
  showWhen,
} from '../core/editor-hints.js';
import type { JsonValue } from '../core/define-node.js';
import { promptVersionId } from '../core/sha256.js';
import { renderTemplate, templateProblem } from '../core/template.js';
import { buildMessages, wrapInputStrings } from './prompt.js';
import { buildOutputSchema, OutputFieldSchema, outputJsonSchema } from './output-fields.js';
import type { LlmRequest } from '../ports.js';

export const aiGenerateConfigSchema = z.object({
  prompt: z
    .string()
    .trim()
    .min(1, 'Write a prompt')
    .max(20_000)
    .default('Write a short blog post about {{ input.topic }}.')
    .meta({
      title: 'Prompt',
      description:
        'What the model should write. Use {{ input.<field> }}, {{ steps.<node>.text }} and {{ brand.voice }}.',
    }),
  system: z.string().max(20_000).optional().meta({
    title: 'System prompt',
    description: 'Standing instructions (role, format). The brand kit is added automatically.',
  }),
  connectionId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .meta({
      ...connectionPicker('llm'),
      title: 'AI connection',
      description:
        'The LLM endpoint (Settings → Connections) that answers this step. None: the workspace default.',
      ...advanced,
    }),
  model: z
    .string()
    .trim()
    .max(200)
    .optional()
    .meta({
      title: 'Model',
      description: 'Leave empty for the connection’s default model.',
      ...advanced,
    }),
  temperature: z
    .number()
    .min(0)
    .max(2)
    .default(0.7)
    .meta({
      title: 'Temperature',
      description: 'Lower is more predictable, higher more varied (0 to 2).',
      ...advanced,
    }),
  maxTokens: z
    .number()
    .int()
    .min(1)
    .max(16_000)
    .default(800)
    .meta({
      title: 'Max length (tokens)',
      ...advanced,
    }),
  output: z
    .enum(['text', 'json'])
    .default('text')
    .meta({
      title: 'Output',
      description: 'Free text, or structured fields you declare below.',
      ...optionLabels({ text: 'Free text', json: 'Structured fields' }),
    }),
  fields: z
    .array(OutputFieldSchema)
    .max(50)
    .default([])
    .meta({
      title: 'Fields',
      description: 'The fields the model must return.',
      ...showWhen({ output: ['json'] }),
    }),
  useBrandKit: z.boolean().default(true).meta({
    title: 'Use the brand kit',
    description: 'Adds voice, audience, preferred and banned terms to the system prompt.',
  }),
  learnFromFeedback: z.boolean().default(true).meta({
    title: 'Learn from reviewers',
    description: 'Adds approved examples and accepted corrections from past reviews.',
  }),
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(600)
    .default(60)
    .meta({
      title: 'Timeout',
      description: 'How long to wait for the model’s answer.',
      ...duration('seconds'),
      ...advanced,
    }),
});
export type AiGenerateConfig = z.output<typeof aiGenerateConfigSchema>;

/** The prompt version of an AI step's config: a hash of prompt, system prompt and model. */
export function aiPromptVersion(
  config: Pick<AiGenerateConfig, 'prompt' | 'system' | 'model'>,
): string {
  return promptVersionId({
    prompt: config.prompt,
    ...(config.system ? { system: config.system } : {}),
    ...(config.model ? { model: config.model } : {}),
  });
}

function previousContent(previous: unknown): unknown {
  if (previous && typeof previous === 'object') {
    const out = previous as Record<string, unknown>;
    return out.text ?? out.data ?? previous;
  }
  return previous;
}

export const aiGenerateNode = defineNode({
  type: 'ai.generate',
  version: 1,
  title: 'AI write',
  description: 'Drafts text or structured data with an AI model, in the brand’s voice.',
  category: 'ai',
  icon: 'sparkles',
  configSchema: aiGenerateConfigSchema,
  inputs: [IN],
  outputs: [OUT],
  outputFields: [
    { key: 'text', description: 'Generated text', when: { output: ['text'] } },
    { key: 'data', description: 'All structured fields', when: { output: ['json'] } },
    { key: 'model', description: 'Model used' },
    { key: 'usage', description: 'Tokens used' },
    { key: 'promptVersion', description: 'Prompt version' },
  ],
  lint(config) {
    const problems: { path: (string | number)[]; message: string }[] = [];
    const promptError = templateProblem(config.prompt);
    if (promptError) problems.push({ path: ['prompt'], message: `Template error: ${promptError}` });
    const systemError = config.system ? templateProblem(config.system) : null;
    if (systemError) problems.push({ path: ['system'], message: `Template error: ${systemError}` });
    if (config.output === 'json' && config.fields.length === 0) {
      problems.push({
        path: ['fields'],
        message: 'Declare at least one field for structured output',
      });
    }
    config.fields.forEach((field, i) => {
      if (field.kind === 'table' && field.columns.length === 0) {
        problems.push({
          path: ['fields', i, 'columns'],
          message: 'A table needs at least one column',
        });
      }
    });
    return problems;
  },
  async run(ctx) {
    const { config } = ctx;
    const scope = { input: wrapInputStrings(ctx.input), steps: ctx.steps, brand: ctx.brand ?? {} };
    const prompt = renderTemplate(config.prompt, scope, { field: 'prompt' });
    const system = config.system
      ? renderTemplate(config.system, scope, { field: 'system' })
      : undefined;
    const json = config.output === 'json';
    const messages = buildMessages({
      prompt,
      ...(system ? { system } : {}),
      brand: config.useBrandKit ? ctx.brand : null,
      ...(config.learnFromFeedback && ctx.guidance ? { guidance: ctx.guidance } : {}),
      ...(ctx.revision
        ? {
            revision: { note: ctx.revision.note, previous: previousContent(ctx.revision.previous) },
          }
        : {}),
      ...(json
        ? {
            jsonFieldsHint: `Answer with one JSON object with exactly these fields: ${config.fields
              .map((f) => `${f.name} (${f.kind}${f.description ? `: ${f.description}` : ''})`)
              .join('; ')}.`,
          }
        : {}),
    });
    const request: LlmRequest = {
      messages,
      temperature: config.temperature,
      maxTokens: config.maxTokens,
      timeoutMs: config.timeoutSeconds * 1000,
      output: json
        ? {
            kind: 'json',
            name: `${ctx.node.id}_output`.slice(0, 64),
            schema: outputJsonSchema(config.fields),
          }
        : { kind: 'text' },
      ...(config.model ? { model: config.model } : {}),
      ...(config.connectionId ? { connectionId: config.connectionId } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    };
    const result = await ctx.llm.complete(request);
    const promptVersion = aiPromptVersion(config);
    const base = { model: result.model, usage: result.usage, promptVersion };
    if (!json) {
      return {
        kind: 'done',
        output: { text: result.text, ...base } as JsonValue,
        usage: result.usage,
      };
    }
    let raw = result.data;
    if (raw === undefined) {
      try {
        raw = JSON.parse(result.text);
      } catch {
        throw invalidOutput('The model did not answer with JSON', []);
      }
    }
    const parsed = buildOutputSchema(config.fields).safeParse(raw);
    if (!parsed.success) {
      throw invalidOutput(
        'The model’s answer does not match the declared fields',
        parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      );
    }
    return {
      kind: 'done',
      output: { data: parsed.data, ...base } as JsonValue,
      usage: result.usage,
    };
  },
});

function invalidOutput(message: string, issues: { path: string[]; message: string }[]): AppError {
  return new AppError({
    code: 'LLM_OUTPUT_INVALID',
    origin: 'user',
    retryable: false,
    message: `${message}. Check the prompt and the declared fields.`,
    details: { issues },
  });
}
