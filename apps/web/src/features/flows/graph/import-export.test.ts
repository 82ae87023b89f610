import { describe, expect, it } from 'vitest';
import { exportFileName, exportFlow, parseImportedFlow } from './import-export.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';

const types = indexNodeTypes([
  {
    type: 'trigger.manual',
    version: 1,
    title: 'Manual',
    description: '',
    category: 'trigger',
    icon: '',
    inputs: [],
    outputs: [{ id: 'out', label: 'Out' }],
    configSchema: {},
    defaultConfig: {},
  },
] satisfies NodeTypeInfo[]);

const flow = {
  name: 'Launch post',
  graph: {
    nodes: [{ id: 'trigger', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} }],
    edges: [],
  },
};

describe('import / export', () => {
  it('round-trips an exported flow', () => {
    const text = exportFlow(flow);
    expect(parseImportedFlow(text, types)).toEqual({ ok: true, flow });
    expect(exportFileName('Launch post — Q3!')).toBe('launch-post-q3.tandem.json');
  });
  it('drops server fields of a full flow object', () => {
    const result = parseImportedFlow(
      JSON.stringify({ ...flow, id: 'flw_1', revision: 3, publishedVersion: 2 }),
      types,
    );
    expect(result.ok).toBe(true);
  });
  it('refuses broken JSON, bad shapes, unknown types and dangling edges with paths', () => {
    expect(parseImportedFlow('{nope', types)).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/Not a JSON file/) }],
    });
    const bad = parseImportedFlow(
      JSON.stringify({ name: '', graph: { nodes: [{ id: 'x' }], edges: [] } }),
      types,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.path.join('.'))).toContain('name');
    const unknown = parseImportedFlow(
      JSON.stringify({
        name: 'X',
        graph: {
          nodes: [{ id: 'a', type: 'evil.code', position: { x: 0, y: 0 }, config: {} }],
          edges: [{ id: 'e', source: 'a', target: 'ghost' }],
        },
      }),
      types,
    );
    expect(unknown).toEqual({
      ok: false,
      problems: [
        { path: ['graph', 'nodes', 0, 'type'], message: 'Unknown step type "evil.code"' },
        { path: ['graph', 'edges', 0, 'target'], message: 'No step "ghost"' },
      ],
    });
  });
  it('refuses prototype-poisoning keys in configs', () => {
    const text =
      '{"name":"X","graph":{"nodes":[{"id":"a","type":"trigger.manual","position":{"x":0,"y":0},"config":{"__proto__":{"x":1}}}],"edges":[]}}';
    expect(parseImportedFlow(text, types).ok).toBe(false);
  });
});
