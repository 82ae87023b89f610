import type { Flag } from '@tandem/schema';

export interface TextSegment {
  text: string;
  /** The flags whose matched text covers this segment; empty for plain text. */
  flags: Flag[];
}

interface Range {
  start: number;
  end: number;
  flag: Flag;
}

/** Every occurrence of each flag's `match`, case-insensitive (checks match words that way). */
function findRanges(text: string, flags: readonly Flag[]): Range[] {
  const lower = text.toLowerCase();
  const ranges: Range[] = [];
  for (const flag of flags) {
    const needle = flag.match?.trim().toLowerCase();
    if (!needle) continue;
    let from = 0;
    for (;;) {
      const at = lower.indexOf(needle, from);
      if (at === -1) break;
      ranges.push({ start: at, end: at + needle.length, flag });
      from = at + needle.length;
    }
  }
  return ranges;
}

/**
 * Splits text into plain and flagged segments so the view wraps flagged words in <mark>.
 * Overlapping matches split at every boundary, and each piece lists all flags covering it.
 * The segments always concatenate back to the input.
 */
export function highlightFlags(text: string, flags: readonly Flag[]): TextSegment[] {
  const ranges = findRanges(text, flags);
  if (ranges.length === 0) return text ? [{ text, flags: [] }] : [];
  const cuts = new Set<number>([0, text.length]);
  for (const r of ranges) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = ranges.filter((r) => r.start <= start && r.end >= end).map((r) => r.flag);
    const unique = [...new Set(covering)];
    const last = segments[segments.length - 1];
    if (last && unique.length === 0 && last.flags.length === 0) last.text += text.slice(start, end);
    else segments.push({ text: text.slice(start, end), flags: unique });
  }
  return segments;
}

/** Flags with a `match` that is no longer in the text (e.g. the reviewer edited it out). */
export function resolvedFlags(text: string, flags: readonly Flag[]): Flag[] {
  const lower = text.toLowerCase();
  return flags.filter((f) => f.match?.trim() && !lower.includes(f.match.trim().toLowerCase()));
}
