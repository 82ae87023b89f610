import { describe, expect, it } from 'vitest';
import { BrandKitSchema, FlowInputSchema, NameInputSchema, NameSchema } from './index.js';

describe('names as people type them', () => {
  it.each([
    ['a line break', 'Spring\nlaunch'],
    ['a tab', 'Spring\tlaunch'],
    ['a NUL', 'Spring\u0000launch'],
    ['a C1 control', 'Spring\u0085launch'],
    ['a zero-width space', 'Spring\u200Blaunch'],
    ['a word joiner', 'Spring\u2060launch'],
    ['a byte order mark inside', 'Spring\uFEFFlaunch'],
    ['a right-to-left override', 'invoice\u202Efdp.exe'],
    ['a direction isolate', 'Spring \u2066launch\u2069'],
    ['a line separator', 'Spring\u2028launch'],
  ])('refuses %s with a readable message', (_what, name) => {
    const result = NameInputSchema.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/control or invisible characters/);
  });

  it.each([
    ['accents', 'Lancement été'],
    ['an emoji sequence with zero-width joiners', 'Dev team 👩‍💻'],
    ['a zero-width non-joiner (Persian)', 'می‌خواهم'],
    ['Japanese', '春のキャンペーン'],
    ['punctuation', 'Q3 — "Best of" (draft #2)'],
  ])('takes %s', (_what, name) => {
    expect(NameInputSchema.parse(name)).toBe(name);
  });

  it('trims and requires a name, like stored names', () => {
    expect(NameInputSchema.parse('  Spring  ')).toBe('Spring');
    expect(NameInputSchema.safeParse('   ').success).toBe(false);
  });

  it('is checked where a flow is sent, and names the field', () => {
    const result = FlowInputSchema.safeParse({
      name: 'Launch\u202Eevil',
      graph: { nodes: [], edges: [] },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(['name']);
  });

  it('still reads a stored entity saved before the check', () => {
    expect(NameSchema.parse('Old\tname')).toBe('Old\tname');
    const stored = {
      id: 'bk_1',
      name: 'Old\u200Bkit',
      voice: '',
      audience: '',
      preferredTerms: [],
      bannedPhrases: [],
      requiredDisclaimers: [],
      linkAllowList: [],
      examplePosts: [],
      updatedBy: null,
      updatedAt: '2026-01-01T00:00:00.000Z',
      revision: 0,
    };
    expect(BrandKitSchema.safeParse(stored).success).toBe(true);
  });
});
