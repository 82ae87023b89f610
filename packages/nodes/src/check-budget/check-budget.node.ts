import { z } from 'zod';
import { AppError } from '@tandem/schema';
import type { Flag } from '@tandem/schema';
import { defineNode, IN, OUT } from '../core/define-node.js';
import { inPercent, outputColumnPicker, outputFieldPicker } from '../core/editor-hints.js';
import type { JsonValue } from '../core/define-node.js';
import { CHECK_OUTPUT_FIELDS, findContent, isBlockingFlag } from '../core/content.js';
import { flagScore } from '../check-brand/brand-rules.js';

const fieldName = z.string().trim().min(1).max(64);

export const checkBudgetConfigSchema = z.object({
  sourceNodeId: z.string().max(64).optional().meta({
    title: 'Recommendation to check',
    description: 'The step with the budget table; empty means the nearest AI step before this one.',
  }),
  itemsField: fieldName.default('changes').meta({
    title: 'List field',
    description: 'The AI step’s table with one row per budget line.',
    ...outputFieldPicker(['table']),
  }),
  nameField: fieldName
    .default('channel')
    .meta({ title: 'Name column', ...outputColumnPicker('itemsField', ['text']) }),
  currentField: fieldName
    .default('current')
    .meta({ title: 'Current budget column', ...outputColumnPicker('itemsField', ['number']) }),
  proposedField: fieldName
    .default('proposed')
    .meta({ title: 'Proposed budget column', ...outputColumnPicker('itemsField', ['number']) }),
  maxItemChangePercent: z
    .number()
    .min(0)
    .max(1_000)
    .default(25)
    .meta({
      title: 'Max change per line',
      ...inPercent,
    }),
  maxTotalChangePercent: z
    .number()
    .min(0)
    .max(1_000)
    .default(5)
    .meta({
      title: 'Max change of the total',
      ...inPercent,
    }),
  minItemBudget: z.number().min(0).default(0).meta({ title: 'Floor per line' }),
  maxItemBudget: z.number().min(0).optional().meta({ title: 'Ceiling per line' }),
});
export type CheckBudgetConfig = z.output<typeof checkBudgetConfigSchema>;

interface BudgetLine {
  name: string;
  current: number;
  proposed: number;
  changePercent: number | null;
}

function percent(from: number, to: number): number | null {
  if (from === 0) return to === 0 ? 0 : null;
  return Math.round(((to - from) / Math.abs(from)) * 10_000) / 100;
}

function unreadable(message: string): AppError {
  return new AppError({ code: 'CONFIG_INVALID', origin: 'user', message });
}

export const checkBudgetNode = defineNode({
  type: 'check.budget',
  version: 1,
  title: 'Budget guard',
  description:
    'Flags budget recommendations that change a line or the total by more than allowed, or break a floor or ceiling.',
  category: 'check',
  inline: true,
  icon: 'wallet',
  configSchema: checkBudgetConfigSchema,
  inputs: [IN],
  outputs: [OUT],
  outputFields: [
    ...CHECK_OUTPUT_FIELDS,
    { key: 'totals', description: 'Current and proposed totals, and the change in %' },
    { key: 'lines', description: 'Each budget line, current and proposed' },
  ],
  run(ctx) {
    const { config } = ctx;
    const content = findContent(ctx, {
      ...(config.sourceNodeId ? { nodeId: config.sourceNodeId } : {}),
      types: ['ai.generate', 'human.review'],
    });
    const data = content?.data as Record<string, unknown> | undefined;
    const rows = data?.[config.itemsField];
    if (!Array.isArray(rows)) {
      throw unreadable(`The step before this guard has no list "${config.itemsField}" to check.`);
    }
    const lines: BudgetLine[] = rows.map((row, i) => {
      const r = (row ?? {}) as Record<string, unknown>;
      const current = Number(r[config.currentField]);
      const proposed = Number(r[config.proposedField]);
      if (!Number.isFinite(current) || !Number.isFinite(proposed)) {
        throw unreadable(
          `Row ${i + 1} has no numeric "${config.currentField}" and "${config.proposedField}".`,
        );
      }
      const name = String(r[config.nameField] ?? `line ${i + 1}`);
      return { name, current, proposed, changePercent: percent(current, proposed) };
    });
    const flags: Flag[] = [];
    for (const line of lines) {
      const change = line.changePercent;
      if (change === null || Math.abs(change) > config.maxItemChangePercent) {
        flags.push({
          rule: 'item_change_cap',
          severity: 'error',
          match: line.name,
          message: `${line.name}: ${line.current} → ${line.proposed} (${change === null ? 'from zero' : `${change > 0 ? '+' : ''}${change}%`}) exceeds the ${config.maxItemChangePercent}% cap per line`,
        });
      }
      if (line.proposed < config.minItemBudget) {
        flags.push({
          rule: 'item_floor',
          severity: 'error',
          match: line.name,
          message: `${line.name}: ${line.proposed} is below the floor of ${config.minItemBudget}`,
        });
      }
      if (config.maxItemBudget !== undefined && line.proposed > config.maxItemBudget) {
        flags.push({
          rule: 'item_ceiling',
          severity: 'error',
          match: line.name,
          message: `${line.name}: ${line.proposed} is above the ceiling of ${config.maxItemBudget}`,
        });
      }
    }
    const totalCurrent = lines.reduce((s, l) => s + l.current, 0);
    const totalProposed = lines.reduce((s, l) => s + l.proposed, 0);
    const totalChange = percent(totalCurrent, totalProposed);
    if (totalChange === null || Math.abs(totalChange) > config.maxTotalChangePercent) {
      flags.push({
        rule: 'total_change_cap',
        severity: 'error',
        message: `The total moves from ${totalCurrent} to ${totalProposed} (${totalChange ?? '∞'}%), beyond the ${config.maxTotalChangePercent}% cap`,
      });
    }
    return {
      kind: 'done',
      output: {
        passed: !flags.some(isBlockingFlag),
        flags,
        score: flagScore(flags),
        checkedNodeId: content?.nodeId ?? null,
        totals: { current: totalCurrent, proposed: totalProposed, changePercent: totalChange },
        lines,
      } as unknown as JsonValue,
    };
  },
});
