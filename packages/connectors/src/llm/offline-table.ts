import type { LlmMessage } from '@tandem/nodes';

/*
 * The offline provider's answer for a table of numbers (a budget per channel): it reads the
 * report in the prompt ("Search: spent 4000, 120 leads" a line) instead of filling the table with
 * sentences and random numbers. Each row keeps the line's label and amount; the proposal moves a
 * small share (10% of the smaller line) from the line whose result costs most to the one whose
 * result costs least, so the total stays the same, or scales down to a budget the prompt states
 * when the lines add up to more. It is arithmetic, not analysis, and the rationale says so plainly.
 */

type Schema = Record<string, unknown>;

export interface ReportLine {
  label: string;
  /** The first number on the line: the amount spent. */
  amount: number;
  /** The second number, when there is one: the results it bought (leads, sales). */
  results?: number;
  /** What the results are called ("lead"), singular. */
  unit?: string;
}

const LINE = /^\s*(?:[-*•]\s*)?([\p{L}][\p{L}\p{N} &/'.-]{0,40}?)\s*:\s*(.*\d.*)$/u;
const NUMBER = /(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([\p{L}]+)?/gu;
const BUDGET = /\bbudget\b[^\d\n]{0,30}?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)/i;
const NOT_A_LINE = /\b(?:budget|total|week|date|period)\b/i;

const toNumber = (text: string): number => Number(text.replace(/,/g, ''));
const round2 = (n: number): number => Math.round(n * 100) / 100;

function singular(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const lower = word.toLowerCase();
  return lower.endsWith('s') && lower.length > 3 ? lower.slice(0, -1) : lower;
}

/** The prompt's labelled lines with numbers, tags stripped; a budget line is not a channel. */
export function readReportLines(text: string): ReportLine[] {
  const out: ReportLine[] = [];
  const plain = text.replace(/<\/?untrusted-data>/gi, '\n');
  for (const line of plain.split('\n')) {
    const match = LINE.exec(line);
    if (!match || NOT_A_LINE.test(match[1]!)) continue;
    const numbers = [...match[2]!.matchAll(NUMBER)];
    if (!numbers.length) continue;
    const row: ReportLine = { label: match[1]!.trim(), amount: toNumber(numbers[0]![1]!) };
    const second = numbers[1];
    if (second && toNumber(second[1]!) > 0) {
      row.results = toNumber(second[1]!);
      const unit = singular(second[2]);
      if (unit) row.unit = unit;
    }
    out.push(row);
  }
  return out;
}

export function readBudget(text: string): number | undefined {
  const match = BUDGET.exec(text.replace(/<\/?untrusted-data>/gi, ' '));
  return match ? toNumber(match[1]!) : undefined;
}

interface Proposal {
  rows: { line: ReportLine; proposed: number; rationale: string }[];
  summary: string;
}

/** Moves a modest share toward the cheapest result; fits a stated budget the lines exceed. */
export function proposeBudget(lines: ReportLine[], budget: number | undefined): Proposal {
  const costOf = (l: ReportLine): number | undefined =>
    l.results ? l.amount / l.results : undefined;
  const priced = lines.filter((l) => costOf(l) !== undefined && l.amount > 0);
  const proposed = new Map(lines.map((l) => [l, l.amount]));
  const notes = new Map<ReportLine, string>();
  const unitOf = (l: ReportLine): string => l.unit ?? 'result';
  for (const l of priced) notes.set(l, `${round2(costOf(l)!)} per ${unitOf(l)}`);
  let summary = 'No line reports results to compare, so every amount stays as it is.';
  if (priced.length >= 2) {
    const sorted = [...priced].sort((a, b) => costOf(a)! - costOf(b)!);
    const best = sorted[0]!;
    const worst = sorted.at(-1)!;
    const shift = Math.round(Math.min(best.amount, worst.amount) * 0.1);
    if (best !== worst && shift > 0 && costOf(best)! < costOf(worst)!) {
      proposed.set(best, best.amount + shift);
      proposed.set(worst, worst.amount - shift);
      notes.set(best, `${notes.get(best)}, the lowest cost: up ${shift}`);
      notes.set(worst, `${notes.get(worst)}, the highest cost: down ${shift}`);
      summary = `Moves ${shift} from ${worst.label} to ${best.label}, where a ${unitOf(best)} costs ${round2(costOf(best)!)} instead of ${round2(costOf(worst)!)}.`;
    } else summary = 'The lines cost about the same per result, so every amount stays as it is.';
  }
  const total = [...proposed.values()].reduce((a, b) => a + b, 0);
  if (budget !== undefined && budget > 0 && total > budget) {
    const factor = budget / total;
    for (const [l, v] of proposed) proposed.set(l, Math.floor(v * factor));
    summary += ` Every line is scaled down to fit the budget of ${budget}.`;
  } else {
    summary += ` The total stays at ${round2(total)}${
      budget !== undefined ? ` of the ${budget} budget` : ''
    }.`;
  }
  return {
    rows: lines.map((line) => {
      const next = proposed.get(line)!;
      const note = notes.get(line) ?? 'no results reported';
      const rationale =
        next === line.amount ? `${capitalise(note)}: unchanged.` : `${capitalise(note)}.`;
      return { line, proposed: next, rationale };
    }),
    summary,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function propsOf(schema: unknown): Record<string, Schema> | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const props = (schema as Schema).properties;
  return props && typeof props === 'object' ? (props as Record<string, Schema>) : undefined;
}

const typeOf = (s: Schema | undefined): string | undefined => {
  const t = s?.type;
  return Array.isArray(t) ? (t as string[]).find((x) => x !== 'null') : (t as string | undefined);
};

function column(
  props: Record<string, Schema>,
  type: string,
  name: RegExp,
  fallback = false,
): string | undefined {
  const names = Object.keys(props).filter((k) => typeOf(props[k]) === type);
  return names.find((k) => name.test(k)) ?? (fallback ? names[0] : undefined);
}

function fit(text: string, schema: Schema | undefined): string {
  const max = typeof schema?.maxLength === 'number' ? schema.maxLength : Infinity;
  return [...text].length > max ? [...text].slice(0, max).join('') : text;
}

/**
 * Replaces, in a sampled answer, each table of label + number columns with rows read from the
 * prompt's report, and summary-like text fields with the proposal's summary. Answers without
 * such a table, or prompts without numbered lines, are returned as they were.
 */
export function fillTablesFromReport(
  data: unknown,
  schema: Schema,
  messages: LlmMessage[],
): unknown {
  const props = propsOf(schema);
  if (!props || !data || typeof data !== 'object' || Array.isArray(data)) return data;
  const text = messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content.replace(/^A reviewer on the team asked for changes[\s\S]*$/m, ''))
    .join('\n');
  const lines = readReportLines(text);
  if (!lines.length) return data;
  const out = { ...(data as Record<string, unknown>) };
  let proposal: Proposal | undefined;
  for (const [field, fieldSchema] of Object.entries(props)) {
    const item = fieldSchema.items as Schema | undefined;
    const cols = propsOf(item);
    if (typeOfArray(fieldSchema) !== 'array' || !cols) continue;
    const label = column(cols, 'string', /channel|name|item|line|label|category/i, true);
    const current = column(cols, 'number', /current|spend|now|before|actual|amount/i, true);
    const next = column(cols, 'number', /proposed|new|next|recommend|target|after|planned/i);
    if (!label || !current) continue;
    const why = column(cols, 'string', /rationale|reason|why|note|explan|comment/i);
    proposal ??= proposeBudget(lines, readBudget(text));
    const sampled = Array.isArray(out[field]) ? (out[field] as Record<string, unknown>[]) : [];
    const max = typeof fieldSchema.maxItems === 'number' ? fieldSchema.maxItems : Infinity;
    const min = typeof fieldSchema.minItems === 'number' ? fieldSchema.minItems : 0;
    // Too few lines for the table's minimum: the sampled rows stay, valid if meaningless.
    if (proposal.rows.length < min) continue;
    out[field] = proposal.rows.slice(0, max).map((row, i) => {
      const base = { ...(sampled[i % Math.max(1, sampled.length)] ?? {}) };
      base[label] = fit(row.line.label, cols[label]);
      base[current] = row.line.amount;
      if (next) base[next] = row.proposed;
      if (why && why !== label) base[why] = fit(row.rationale, cols[why]);
      return base;
    });
  }
  if (!proposal) return data;
  for (const [field, fieldSchema] of Object.entries(props)) {
    if (typeOf(fieldSchema) === 'string' && /summary|overview|explanation/i.test(field)) {
      out[field] = fit(proposal.summary, fieldSchema);
    }
  }
  return out;
}

function typeOfArray(schema: Schema): string | undefined {
  return typeOf(schema) ?? (schema.items ? 'array' : undefined);
}
