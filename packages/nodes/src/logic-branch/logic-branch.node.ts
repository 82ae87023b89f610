import { z } from 'zod';
import { defineNode, IN } from '../core/define-node.js';
import { templateScope } from '../core/content.js';
import { optionLabels, showWhen, variablePicker } from '../core/editor-hints.js';
import { evaluateCondition, OPERATORS } from './conditions.js';

const NEEDS_VALUE = new Set([
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'greater_than',
  'less_than',
]);

export const ConditionSchema = z.object({
  path: z
    .string()
    .trim()
    .regex(
      /^(input|steps|brand)(\.[A-Za-z0-9_-]+)+$/,
      'Start with input., steps. or brand., e.g. steps.check.passed',
    )
    .meta({
      title: 'Value',
      description:
        'What the rule looks at: pick a value from an earlier step or the input form, e.g. steps.check.passed.',
      ...variablePicker,
    }),
  operator: z.enum(OPERATORS).default('equals').meta({ title: 'Test' }),
  value: z
    .string()
    .max(1_000)
    .optional()
    .meta({ title: 'Compared with', ...showWhen({ operator: [...NEEDS_VALUE] }) }),
});

export const logicBranchConfigSchema = z.object({
  match: z
    .enum(['all', 'any'])
    .default('all')
    .meta({
      title: 'Match',
      description: 'Go the “Yes” way when every rule holds, or when at least one does.',
      ...optionLabels({ all: 'All rules hold', any: 'Any rule holds' }),
    }),
  rules: z
    .array(ConditionSchema)
    .min(1, 'Add at least one rule')
    .max(50)
    .default([{ path: 'steps.check.passed', operator: 'is_true' }])
    .meta({ title: 'Rules' }),
});

export const logicBranchNode = defineNode({
  type: 'logic.branch',
  version: 1,
  title: 'Branch',
  description: 'Sends the run one way or the other by simple rules on earlier results.',
  category: 'logic',
  inline: true,
  icon: 'git-branch',
  configSchema: logicBranchConfigSchema,
  inputs: [IN],
  outputs: [
    { id: 'true', label: 'Yes' },
    { id: 'false', label: 'No' },
  ],
  outputFields: [
    { key: 'result', description: 'Branch result' },
    { key: 'rules', description: 'Each rule’s result' },
  ],
  lint(config) {
    return config.rules.flatMap((rule, i) =>
      NEEDS_VALUE.has(rule.operator) && (rule.value ?? '').trim() === ''
        ? [{ path: ['rules', i, 'value'], message: 'This test needs a value to compare with' }]
        : [],
    );
  },
  run(ctx) {
    const scope = templateScope(ctx);
    const results = ctx.config.rules.map((rule) => evaluateCondition(scope, rule));
    const result = ctx.config.match === 'all' ? results.every(Boolean) : results.some(Boolean);
    return { kind: 'done', output: { result, rules: results }, handle: result ? 'true' : 'false' };
  },
});
