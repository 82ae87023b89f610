import { z } from 'zod';
import { AppError, AutomationLevelSchema, RoleSchema, validationError } from '@tandem/schema';
import type { TaskContent } from '@tandem/schema';
import {
  duration,
  peoplePicker,
  percentage,
  showWhen,
  showWhenFilled,
} from '../core/editor-hints.js';
import { defineNode, IN } from '../core/define-node.js';
import type { CheckpointDecision, JsonValue, NodeRunResult } from '../core/define-node.js';
import { findContent, templateScope, upstreamFlags } from '../core/content.js';
import { renderTemplate, templateProblem } from '../core/template.js';
import { hashContent } from '../core/sha256.js';

export const humanReviewConfigSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'Give the task a title')
    .max(200)
    .default('Review the draft')
    .meta({
      title: 'Task title',
    }),
  instructions: z
    .string()
    .max(2_000)
    .default(
      'Check the draft for accuracy and brand voice, then approve, edit, or ask for changes.',
    )
    .meta({ title: 'Instructions for the reviewer' }),
  sourceNodeId: z.string().max(64).optional().meta({
    title: 'Content to review',
    description:
      'The step whose output is reviewed; empty means the nearest AI step before this one.',
  }),
  editable: z.boolean().default(true).meta({
    title: 'Reviewers may edit',
    description: 'Allow “edit and approve”; the edited text is what goes downstream.',
  }),
  assigneeRoles: z.array(RoleSchema).max(4).default(['reviewer']).meta({
    title: 'Who may decide (roles)',
  }),
  assigneeUserIds: z
    .array(z.string().max(64))
    .max(100)
    .default([])
    .meta({
      title: 'Who may decide (people)',
      ...peoplePicker,
    }),
  requiredApprovals: z.number().int().min(1).max(10).default(1).meta({
    title: 'Approvals needed',
    description: '1 = anyone allowed; N = N different people must approve.',
  }),
  separationOfDuties: z.boolean().default(false).meta({
    title: 'Separation of duties',
    description: 'Whoever started the run may not approve it.',
  }),
  dueInMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 60)
    .optional()
    .meta({
      title: 'Due after',
      description: 'Leave empty for no due time.',
      ...duration('minutes'),
    }),
  onDue: z
    .enum(['escalate', 'reject', 'approve'])
    .default('escalate')
    .meta({
      title: 'At the due time',
      description:
        'Escalate to a role, reject, or approve (only when the automation level allows it).',
      ...showWhenFilled(['dueInMinutes']),
    }),
  escalateTo: RoleSchema.default('manager').meta({
    title: 'Escalate to',
    ...showWhen({ onDue: ['escalate'] }),
    ...showWhenFilled(['dueInMinutes']),
  }),
  maxRevisions: z.number().int().min(0).max(10).default(3).meta({
    title: 'Max rounds of changes',
  }),
  defaultLevel: AutomationLevelSchema.default('review_all').meta({
    title: 'Starting automation level',
    description: 'Managers adjust it later in the automation console.',
  }),
  sampleRate: z
    .number()
    .min(0)
    .max(1)
    .default(0.1)
    .meta({
      title: 'Sample rate',
      description: 'Share of clean items still reviewed at “review flagged” and “spot check”.',
      ...percentage,
    }),
  locked: z.boolean().default(false).meta({
    title: 'Lock at review all',
    description: 'Managers cannot lower the automation level of this checkpoint.',
  }),
});
export type HumanReviewConfig = z.output<typeof humanReviewConfigSchema>;

function approvedOutput(
  content: TaskContent,
  text: string,
  data: unknown,
  decision: CheckpointDecision,
  edited: boolean,
): NodeRunResult {
  const output = {
    approved: true,
    edited,
    text,
    ...(data !== undefined ? { data } : {}),
    contentHash: hashContent({ text, data }),
    sourceNodeId: content.sourceNodeId ?? null,
    promptVersion: content.promptVersion ?? null,
    decidedBy: decision.actorId,
    ...(decision.auto ? { passedBy: decision.auto } : {}),
  };
  return { kind: 'done', output: output as JsonValue, handle: 'approved' };
}

export const humanReviewNode = defineNode({
  type: 'human.review',
  version: 1,
  title: 'Human review',
  description: 'Holds the work until a reviewer approves, edits, asks for changes or rejects it.',
  category: 'human',
  inline: true,
  icon: 'user-check',
  configSchema: humanReviewConfigSchema,
  inputs: [IN],
  outputs: [
    { id: 'approved', label: 'Approved' },
    { id: 'rejected', label: 'Rejected' },
  ],
  outputFields: [
    { key: 'approved', description: 'True when approved' },
    { key: 'edited', description: 'True when the reviewer edited it' },
    { key: 'text', description: 'Approved text (with reviewer edits)' },
    { key: 'data', description: 'Approved structured fields' },
    { key: 'reason', description: 'Why it was rejected' },
    { key: 'decidedBy', description: 'Who decided' },
    { key: 'passedBy', description: 'The automation level that passed it, if no one decided' },
    { key: 'contentHash', description: 'Fingerprint of the approved content' },
    { key: 'sourceNodeId', description: 'The step whose content was reviewed' },
    { key: 'promptVersion', description: 'Prompt version of the reviewed content' },
  ],
  lint(config) {
    const problems: { path: (string | number)[]; message: string }[] = [];
    if (config.assigneeRoles.length === 0 && config.assigneeUserIds.length === 0) {
      problems.push({
        path: ['assigneeRoles'],
        message: 'Choose at least one role or person who may decide',
      });
    }
    for (const field of ['title', 'instructions'] as const) {
      const error = templateProblem(config[field]);
      if (error) problems.push({ path: [field], message: `Template error: ${error}` });
    }
    if (config.locked && config.defaultLevel !== 'review_all') {
      problems.push({
        path: ['defaultLevel'],
        message: 'A locked checkpoint always starts at “review all”',
      });
    }
    return problems;
  },
  run(ctx) {
    const { config } = ctx;
    const source = findContent(ctx, {
      ...(config.sourceNodeId ? { nodeId: config.sourceNodeId } : {}),
      types: ['ai.generate', 'human.review', 'trigger.manual', 'trigger.webhook'],
    });
    if (!source) {
      throw new AppError({
        code: 'CONFIG_INVALID',
        origin: 'user',
        message: 'There is nothing before this checkpoint to review; connect it after an AI step.',
      });
    }
    const content: TaskContent = {
      text: source.text,
      ...(source.data !== undefined ? { data: source.data as JsonValue } : {}),
      ...(source.sourceNodeId ? { sourceNodeId: source.sourceNodeId } : {}),
      ...(source.promptVersion ? { promptVersion: source.promptVersion } : {}),
      ...(source.model ? { model: source.model } : {}),
    };
    return {
      kind: 'wait',
      task: {
        title: renderTemplate(config.title, templateScope(ctx), { field: 'title' }).slice(0, 200),
        instructions: renderTemplate(config.instructions, templateScope(ctx), {
          field: 'instructions',
        }).slice(0, 2_000),
        content,
        editable: config.editable,
        flags: upstreamFlags(ctx),
        assignees: { roles: config.assigneeRoles, userIds: config.assigneeUserIds },
        requiredApprovals: config.requiredApprovals,
        separationOfDuties: config.separationOfDuties,
        dueInMinutes: config.dueInMinutes ?? null,
        onDue: config.onDue,
        escalateTo: config.escalateTo,
        maxRevisions: config.maxRevisions,
        defaultLevel: config.locked ? 'review_all' : config.defaultLevel,
        defaultSampleRate: config.sampleRate,
        locked: config.locked,
      },
    };
  },
  resume(ctx, { decision, content }) {
    if (decision.action === 'reject') {
      return {
        kind: 'done',
        handle: 'rejected',
        output: { approved: false, reason: decision.reason ?? null, decidedBy: decision.actorId },
      };
    }
    if (decision.action === 'approve') {
      return approvedOutput(content, content.text ?? '', content.data, decision, false);
    }
    if (!ctx.config.editable) {
      throw new AppError({
        code: 'VALIDATION_FAILED',
        origin: 'user',
        message: 'This checkpoint does not allow edits; approve, reject or ask for changes',
        details: { issues: [{ path: ['action'], message: 'Edits are not allowed here' }] },
      });
    }
    const edited = decision.content ?? '';
    if (content.data === undefined)
      return approvedOutput(content, edited, undefined, decision, true);
    let data: unknown;
    try {
      data = JSON.parse(edited);
    } catch {
      throw validationError(
        [{ path: ['content'], message: 'Must be valid JSON' }],
        'The edited content must be valid JSON',
      );
    }
    return approvedOutput(content, JSON.stringify(data, null, 2), data, decision, true);
  },
});
