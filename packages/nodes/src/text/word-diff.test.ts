import { describe, expect, it } from 'vitest';
import { countWords, editSize, tokenizeWords, wordDiff, type DiffOp } from './word-diff.js';

function sides(ops: DiffOp[]): { a: string; b: string } {
  return {
    a: ops
      .filter((o) => o.op !== 'insert')
      .map((o) => o.text)
      .join(''),
    b: ops
      .filter((o) => o.op !== 'delete')
      .map((o) => o.text)
      .join(''),
  };
}

/** Small deterministic PRNG so the property test is reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('tokenizeWords', () => {
  it('keeps whitespace and punctuation as their own tokens and round-trips', () => {
    const text = "We'll  utilize state-of-the-art tools,\nfast!";
    const tokens = tokenizeWords(text);
    expect(tokens).toEqual([
      "We'll",
      '  ',
      'utilize',
      ' ',
      'state-of-the-art',
      ' ',
      'tools',
      ',',
      '\n',
      'fast',
      '!',
    ]);
    expect(tokens.join('')).toBe(text);
  });

  it('counts words and punctuation, not whitespace', () => {
    expect(countWords('  Hello, world  ')).toBe(3);
    expect(countWords('')).toBe(0);
  });
});

describe('wordDiff', () => {
  it('reports a single-word replacement as one delete and one insert', () => {
    expect(wordDiff('We utilize the tool.', 'We use the tool.')).toEqual([
      { op: 'equal', text: 'We ' },
      { op: 'delete', text: 'utilize' },
      { op: 'insert', text: 'use' },
      { op: 'equal', text: ' the tool.' },
    ]);
  });

  it('joins adjacent changed words separated by spaces into one hunk', () => {
    expect(wordDiff('Buy it in order to save now', 'Buy it to save money today')).toEqual([
      { op: 'equal', text: 'Buy it ' },
      { op: 'delete', text: 'in order ' },
      { op: 'equal', text: 'to save ' },
      { op: 'delete', text: 'now' },
      { op: 'insert', text: 'money today' },
    ]);
  });

  it('handles empty sides', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'new text')).toEqual([{ op: 'insert', text: 'new text' }]);
    expect(wordDiff('old text', '')).toEqual([{ op: 'delete', text: 'old text' }]);
    expect(wordDiff('same', 'same')).toEqual([{ op: 'equal', text: 'same' }]);
  });

  it('always reconstructs both sides exactly (randomised)', () => {
    const words = ['the', 'a', 'brand', 'use', 'utilize', ',', '.', 'new', 'launch', '\n', '  '];
    const next = rng(42);
    const pick = (): string => words[Math.floor(next() * words.length)]!;
    for (let i = 0; i < 300; i++) {
      const a = Array.from({ length: Math.floor(next() * 30) }, pick).join(' ');
      const b = Array.from({ length: Math.floor(next() * 30) }, pick).join(' ');
      const ops = wordDiff(a, b);
      expect(sides(ops)).toEqual({ a, b });
      for (let j = 1; j < ops.length; j++) {
        expect(ops[j]!.op === 'equal' && ops[j - 1]!.op === 'equal').toBe(false);
      }
    }
  });

  it('finds a minimal edit (Myers), not just a prefix/suffix trim', () => {
    const a = 'one two three four five six';
    const b = 'one 2 three four 5 six';
    expect(editSize(a, b)).toBe(4);
    expect(sides(wordDiff(a, b))).toEqual({ a, b });
  });

  it('falls back to one delete and one insert past the size guard, still exact', () => {
    const a = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    const b = Array.from({ length: 200 }, (_, i) => (i % 2 ? `w${i}` : `x${i}`)).join(' ');
    const exact = wordDiff(a, b);
    const coarse = wordDiff(a, b, { maxEditDistance: 10 });
    expect(sides(coarse)).toEqual({ a, b });
    expect(coarse.filter((o) => o.op !== 'equal')).toHaveLength(2);
    expect(editSize(a, b)).toBe(200);
    expect(editSize(a, b, { maxEditDistance: 10 })).toBeGreaterThan(200);
    expect(exact.length).toBeGreaterThan(coarse.length);
  });

  it('past the guard, diffs line by line so small edits across many paragraphs stay exact', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) =>
      Array.from({ length: 40 }, (_, w) => `p${i}w${w}`).join(' '),
    );
    // Three paragraphs with three replaced words each: 18 word edits, but 6 changed lines.
    const edited = paragraphs.map((p, i) =>
      i % 4 === 1
        ? p.replace(`p${i}w3 `, 'a ').replace(`p${i}w7 `, 'b ').replace(`p${i}w11 `, 'c ')
        : p,
    );
    const a = paragraphs.join('\n\n');
    const b = edited.join('\n\n');
    const guarded = wordDiff(a, b, { maxEditDistance: 10 });
    expect(sides(guarded)).toEqual({ a, b });
    expect(editSize(a, b, { maxEditDistance: 10 })).toBe(18);
    expect(editSize(a, b)).toBe(18);
    // Without the line pass the same guard would count every word of the changed middle.
    expect(
      editSize(paragraphs.join(' '), edited.join(' '), { maxEditDistance: 10 }),
    ).toBeGreaterThan(18);
  });

  it('rewrites of long texts stay fast', () => {
    const words = (seed: number): string => {
      const next = rng(seed);
      return Array.from({ length: 14_000 }, () => `w${Math.floor(next() * 500)}`).join(' ');
    };
    const started = performance.now();
    expect(editSize(words(1), words(2))).toBeGreaterThan(20_000);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('diffs a long text with a local edit quickly', () => {
    const para = 'Our new platform helps teams plan, write and publish campaigns faster. ';
    const a = para.repeat(2_000);
    const b = a.replace('plan, write', 'plan, draft') + 'Try it today.';
    const started = performance.now();
    expect(editSize(a, b)).toBe(6); // write→draft, plus "Try it today."
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('editSize', () => {
  it('counts inserted plus deleted words, ignoring whitespace-only changes', () => {
    expect(editSize('We utilize the tool.', 'We use the tool.')).toBe(2);
    expect(editSize('a b c', 'a  b\nc')).toBe(0);
    expect(editSize('', 'Three new words')).toBe(3);
    expect(editSize('Hello world', 'Hello, world!')).toBe(2);
  });
});
