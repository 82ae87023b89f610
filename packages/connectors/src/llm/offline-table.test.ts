import { describe, expect, it } from 'vitest';
import {
  buildMessages,
  buildOutputSchema,
  flowTemplates,
  outputJsonSchema,
  renderTemplate,
  wrapInputStrings,
  type OutputField,
} from '@tandem/nodes';
import { createOfflineLlm } from './offline-llm.js';
import { readReportLines } from './offline-table.js';

/*
 * The budget template's AI step in demo mode: the table must come from the report (channels,
 * their spend), with modest proposals and plain rationales, not "A closer look at given this
 * report:." spending 0.35 of a 4000 line.
 */

const recommend = flowTemplates
  .find((t) => t.id === 'weekly-budget-reallocation')!
  .graph.nodes.find((n) => n.id === 'recommend')!;
const config = recommend.config as { system: string; prompt: string; fields: OutputField[] };

async function answer(input: Record<string, unknown>) {
  const scope = { input: wrapInputStrings(input), steps: {}, brand: {} };
  const messages = buildMessages({
    system: config.system,
    prompt: renderTemplate(config.prompt, scope),
    brand: null,
    jsonFieldsHint: 'Answer with one JSON object with exactly these fields: changes; summary.',
  });
  const result = await createOfflineLlm().complete({
    messages,
    output: { kind: 'json', name: 'recommend', schema: outputJsonSchema(config.fields) },
  });
  return buildOutputSchema(config.fields).parse(result.data) as {
    changes: { channel: string; current: number; proposed: number; rationale: string }[];
    summary: string;
  };
}

const report =
  'Search: spent 4000, 120 leads.\nSocial: spent 3000, 40 leads.\nEmail: spent 1000, 60 leads.';

describe('offline budget proposal', () => {
  it('fills one row per channel of the report, with its spend as the current amount', async () => {
    const data = await answer({ report, weeklyBudget: 8000 });
    expect(data.changes.map((c) => [c.channel, c.current])).toEqual([
      ['Search', 4000],
      ['Social', 3000],
      ['Email', 1000],
    ]);
  });

  it('moves a modest share to the cheapest result and keeps the total', async () => {
    const data = await answer({ report, weeklyBudget: 8000 });
    const by = Object.fromEntries(data.changes.map((c) => [c.channel, c]));
    expect(by.Email!.proposed).toBeGreaterThan(1000);
    expect(by.Social!.proposed).toBeLessThan(3000);
    expect(by.Search!.proposed).toBe(4000);
    for (const c of data.changes) {
      expect(Math.abs(c.proposed - c.current) / c.current).toBeLessThanOrEqual(0.25);
    }
    const total = data.changes.reduce((sum, c) => sum + c.proposed, 0);
    expect(total).toBe(8000);
    expect(by.Email!.rationale).toMatch(/16\.67 per lead, the lowest cost: up 100/);
    expect(by.Search!.rationale).toMatch(/per lead: unchanged/);
    expect(data.summary).toContain('Moves 100 from Social to Email');
  });

  it('scales down to a stated budget the lines exceed', async () => {
    const data = await answer({ report, weeklyBudget: 6000 });
    const total = data.changes.reduce((sum, c) => sum + c.proposed, 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(data.summary).toMatch(/budget of 6000/);
  });

  it('reads thousands separators and ignores lines without numbers or about the budget', () => {
    expect(
      readReportLines(
        'Given this report:\n- Search: $4,000 spent, 120 leads\nBudget: 9000\nNotes: none',
      ),
    ).toEqual([{ label: 'Search', amount: 4000, results: 120, unit: 'lead' }]);
  });
});
