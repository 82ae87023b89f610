import { describe, expect, it } from 'vitest';
import { describeNodeTypes, getNodeDefinition, nodeCatalog } from './catalog.js';
import { flowTemplates } from './templates/flow-templates.js';
import { validateGraph } from './graph/validate-graph.js';
import { hashContent, promptVersionId, sha256Hex, sha256HexPlain } from './core/sha256.js';
import { renderTemplate, templateProblem } from './core/template.js';

describe('catalog', () => {
  it('marks the fields that hold ids, so the editor offers names to pick instead of a text box', () => {
    const props = (type: string) =>
      describeNodeTypes().find((d) => d.type === type)!.configSchema.properties as Record<
        string,
        Record<string, unknown>
      >;
    const kinds = {
      'publish.webhook': 'webhook',
      'publish.email': 'smtp',
      'publish.slack': 'slack',
      'publish.wordpress': 'wordpress',
    };
    for (const [type, kind] of Object.entries(kinds)) {
      expect(props(type).connectionId, type).toMatchObject({
        widget: 'connection',
        connectionKind: kind,
      });
    }
    expect(props('human.review').assigneeUserIds).toMatchObject({ widget: 'people' });
  });

  it('has every node type the API names, each described with a JSON Schema form', () => {
    expect(nodeCatalog.map((n) => n.type)).toEqual([
      'trigger.manual',
      'trigger.webhook',
      'trigger.schedule',
      'ai.generate',
      'check.brand',
      'check.budget',
      'human.review',
      'logic.branch',
      'publish.webhook',
      'publish.email',
      'publish.slack',
      'publish.wordpress',
      'publish.library',
      'util.delay',
    ]);
    for (const d of describeNodeTypes()) {
      expect(d.configSchema.type).toBe('object');
      expect(d.title.length).toBeGreaterThan(0);
      const props = d.configSchema.properties as Record<string, { title?: string }>;
      for (const [name, prop] of Object.entries(props))
        expect(prop.title, `${d.type}.${name}`).toBeTruthy();
    }
    expect(getNodeDefinition('human.review')?.outputs.map((o) => o.id)).toEqual([
      'approved',
      'rejected',
    ]);
    expect(getNodeDefinition('nope')).toBeUndefined();
    const email = describeNodeTypes().find((d) => d.type === 'publish.email')!;
    expect(email.defaultConfig).toEqual({ cc: [], subject: '{{ input.topic }}', format: 'html' });
    expect(describeNodeTypes().find((d) => d.type === 'util.delay')!.defaultConfig).toEqual({
      amount: 1,
      unit: 'hours',
    });
  });

  it('ships four flow templates that validate but for the connection to pick, laid out left to right', () => {
    expect(flowTemplates.map((t) => t.name)).toEqual([
      'Blog post with brand review',
      'Social campaign with manager sign-off',
      'Newsletter with spot checks',
      'Weekly budget reallocation with manager confirmation',
    ]);
    for (const template of flowTemplates) {
      // Saved connections are each workspace's own: a template leaves the choice to the designer.
      const problems = validateGraph(template.graph).problems;
      expect(
        problems.every((p) => p.path.at(-1) === 'connectionId'),
        `${template.id}: ${JSON.stringify(problems)}`,
      ).toBe(true);
      for (const edge of template.graph.edges) {
        const source = template.graph.nodes.find((n) => n.id === edge.source)!;
        const target = template.graph.nodes.find((n) => n.id === edge.target)!;
        expect(target.position.x).toBeGreaterThan(source.position.x);
      }
    }
  });
});

describe('hashing and templates', () => {
  it('computes real SHA-256 and stable content hashes', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('a'.repeat(1000))).toBe(
      '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3',
    );
    expect(sha256Hex('héllo ✓')).toHaveLength(64);
    // The browser's plain version and Node's native one give the same digests.
    for (const text of [
      '',
      'abc',
      'héllo ✓ 🎉',
      'x'.repeat(55),
      'y'.repeat(64),
      'z'.repeat(1_000),
    ]) {
      expect(sha256HexPlain(text)).toBe(sha256Hex(text));
    }
    expect(sha256HexPlain('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hashContent({ text: 'x', data: { b: 1, a: 2 } })).toBe(
      hashContent({ text: 'x', data: { a: 2, b: 1 } }),
    );
    expect(hashContent({ text: 'x' })).not.toBe(hashContent({ text: 'y' }));
    expect(promptVersionId({ prompt: 'p' })).toBe(promptVersionId({ prompt: 'p', system: '' }));
    expect(promptVersionId({ prompt: 'p', model: 'm' })).not.toBe(promptVersionId({ prompt: 'p' }));
  });

  it('renders Liquid without code execution, escapes for HTML, leaves unknown variables empty', () => {
    const scope = { input: { topic: '<b>AI</b>' }, steps: { draft: { text: 'Hi' } } };
    expect(renderTemplate('{{ input.topic }} / {{ steps.draft.text }} / {{ nope.x }}', scope)).toBe(
      '<b>AI</b> / Hi / ',
    );
    expect(renderTemplate('{{ input.topic }}', scope, { html: true })).toBe(
      '&lt;b&gt;AI&lt;/b&gt;',
    );
    expect(() => renderTemplate('{% include "/etc/passwd" %}', scope, { field: 'prompt' })).toThrow(
      /prompt/,
    );
    expect(renderTemplate('{{ input.constructor }}', scope)).toBe('');
    // A template parsed once renders each scope afresh, escaped or not as asked.
    const again = { input: { topic: 'Second' }, steps: { draft: { text: 'Bye' } } };
    expect(renderTemplate('{{ input.topic }} / {{ steps.draft.text }} / {{ nope.x }}', again)).toBe(
      'Second / Bye / ',
    );
    expect(renderTemplate('{{ input.topic }}', scope)).toBe('<b>AI</b>');
    expect(() => renderTemplate('{% include "/etc/passwd" %}', scope, { field: 'body' })).toThrow(
      /body/,
    );
    expect(templateProblem('{{ unclosed')).toMatch(/./);
    expect(templateProblem('fine {{ input.topic }}')).toBeNull();
  });
});
