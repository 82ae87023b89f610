import { describe, expect, it } from 'vitest';
import { describeNodeTypes } from '@tandem/nodes';
import {
  declaredOutputsFor,
  outputFieldOptions,
  outputFieldProblem,
  type DeclaredOutputs,
} from './declared-outputs.js';
import { indexNodeTypes, type JsonSchema, type NodeTypeInfo } from './node-catalog.js';
import { buildFormFields } from './schema-form.js';

const types = indexNodeTypes(describeNodeTypes() as NodeTypeInfo[]);
const n = (id: string, nodeType: string, config: Record<string, unknown> = {}, label = '') => ({
  id,
  data: { nodeType, label, config },
});

const changes = {
  name: 'changes',
  kind: 'table',
  description: 'One row per channel',
  columns: [
    { name: 'channel', kind: 'text' },
    { name: 'current', kind: 'number', description: 'This week' },
    { name: 'proposed', kind: 'number' },
    { name: 'rationale', kind: 'text', description: 'Why' },
  ],
};
const history = {
  name: 'history',
  kind: 'table',
  columns: [
    { name: 'week', kind: 'text' },
    { name: 'spend', kind: 'number' },
  ],
};
const summary = { name: 'summary', kind: 'text', description: 'Two sentences' };

const graph = {
  nodes: [
    n('start', 'trigger.manual'),
    n('notes', 'ai.generate', { output: 'text' }, 'Notes'),
    n(
      'recommend',
      'ai.generate',
      { output: 'json', fields: [changes, summary, history] },
      'Recommend',
    ),
    n('guard', 'check.budget'),
    n('confirm', 'human.review'),
    n('guard2', 'check.budget'),
    n('pinned', 'check.budget', { sourceNodeId: 'notes' }),
    n('early', 'check.budget'),
  ],
  edges: [
    { source: 'start', target: 'notes' },
    { source: 'notes', target: 'recommend' },
    { source: 'recommend', target: 'guard' },
    { source: 'guard', target: 'confirm' },
    { source: 'confirm', target: 'guard2' },
    { source: 'recommend', target: 'pinned' },
    { source: 'start', target: 'early' },
  ],
};

describe('declaredOutputsFor', () => {
  it('finds the nearest AI step before the step and the fields it declares', () => {
    const declared = declaredOutputsFor(graph, 'guard', types)!;
    expect(declared).toMatchObject({
      stepId: 'recommend',
      stepTitle: 'Recommend',
      structured: true,
    });
    expect(declared.fields.map((f) => [f.name, f.kind])).toEqual([
      ['changes', 'table'],
      ['summary', 'text'],
      ['history', 'table'],
    ]);
    expect(declared.fields[0]!.columns.map((c) => c.name)).toEqual([
      'channel',
      'current',
      'proposed',
      'rationale',
    ]);
  });

  it('follows a checkpoint back to the AI step it reviewed', () => {
    expect(declaredOutputsFor(graph, 'guard2', types)?.stepId).toBe('recommend');
  });

  it('reads the step the settings name, free text included', () => {
    expect(declaredOutputsFor(graph, 'pinned', types)).toEqual({
      stepId: 'notes',
      stepTitle: 'Notes',
      structured: false,
      fields: [],
    });
  });

  it('has nothing to offer with no AI step before the step', () => {
    expect(declaredOutputsFor(graph, 'early', types)).toBeNull();
    expect(declaredOutputsFor(graph, 'missing', types)).toBeNull();
  });
});

describe('budget guard: fields offered and judged', () => {
  const fields = buildFormFields(
    describeNodeTypes().find((d) => d.type === 'check.budget')!.configSchema as JsonSchema,
  );
  const field = (key: string) => fields.find((f) => f.key === key)!;
  const declared = declaredOutputsFor(graph, 'guard', types);
  const offered = (key: string, values: Record<string, unknown>, from = declared) =>
    outputFieldOptions(field(key), fields, values, from).map((o) => `${o.value} = ${o.label}`);
  const problem = (
    key: string,
    values: Record<string, unknown>,
    from: DeclaredOutputs | null = declared,
  ) => outputFieldProblem(field(key), fields, values, from);

  it('picks the list and its columns from the AI step', () => {
    expect(field('itemsField').kind).toBe('output-field');
    expect(field('currentField')).toMatchObject({ kind: 'output-field', columnsOf: 'itemsField' });
  });

  it('offers the AI step’s tables for the list, with what they hold', () => {
    expect(offered('itemsField', {})).toEqual(['changes = One row per channel', 'history = Table']);
  });

  it('offers the columns of the chosen table, the default one when none is chosen', () => {
    expect(offered('nameField', {})).toEqual(['channel = Text', 'rationale = Why']);
    expect(offered('currentField', {})).toEqual(['current = This week', 'proposed = Number']);
    expect(offered('currentField', { itemsField: 'history' })).toEqual(['spend = Number']);
    expect(offered('currentField', { itemsField: 'nothing' })).toEqual([]);
    expect(offered('itemsField', {}, null)).toEqual([]);
  });

  it('says nothing of names the AI step declares', () => {
    for (const key of ['itemsField', 'nameField', 'currentField', 'proposedField']) {
      expect(problem(key, {})).toBeNull();
    }
  });

  it('warns about a list or column the AI step does not declare, still keeping it', () => {
    expect(problem('itemsField', { itemsField: 'rows' })).toBe(
      '“Recommend” declares no field “rows”',
    );
    expect(problem('itemsField', { itemsField: 'summary' })).toBe(
      '“summary” in “Recommend” is a text field, not a table',
    );
    expect(problem('currentField', { currentField: 'spend' })).toBe(
      'The table “changes” in “Recommend” has no column “spend”',
    );
    // A column of a list that is not there is not judged again: the list says it.
    expect(problem('currentField', { itemsField: 'rows', currentField: 'spend' })).toBeNull();
  });

  it('warns when the AI step writes free text, and says nothing with no AI step before', () => {
    const notes = declaredOutputsFor(graph, 'pinned', types);
    expect(problem('itemsField', {}, notes)).toBe(
      '“Notes” writes free text, with no “changes” to read: set its Output to Structured fields',
    );
    expect(problem('currentField', {}, notes)).toBeNull();
    expect(problem('itemsField', {}, null)).toBeNull();
  });
});
