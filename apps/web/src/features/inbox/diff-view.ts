import { countWords, wordDiff, type DiffOp } from '@tandem/nodes';

export interface DiffView {
  ops: DiffOp[];
  insertedWords: number;
  deletedWords: number;
  changed: boolean;
  /** "3 words added, 1 removed" for the diff's caption and screen readers. */
  summary: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The live word diff of the AI draft against the reviewer's edit, ready to render as text. */
export function diffView(original: string, edited: string): DiffView {
  const ops = wordDiff(original, edited);
  let insertedWords = 0;
  let deletedWords = 0;
  for (const { op, text } of ops) {
    if (op === 'insert') insertedWords += countWords(text);
    else if (op === 'delete') deletedWords += countWords(text);
  }
  const changed = ops.some((o) => o.op !== 'equal');
  const summary = !changed
    ? 'No changes to the AI draft'
    : insertedWords + deletedWords === 0
      ? 'Whitespace changes only'
      : `${plural(insertedWords, 'word')} added, ${deletedWords} removed`;
  return { ops, insertedWords, deletedWords, changed, summary };
}
