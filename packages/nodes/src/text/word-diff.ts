/*
 * Word-level diff of a reviewer's edit (original AI text → final text). Feedback records its
 * edit size, the inbox shows what changed, and the learning loop mines repeated replacements
 * from it. Tokens keep their whitespace, so joining the `delete`+`equal` texts gives back `a`
 * and joining the `insert`+`equal` texts gives back `b` exactly.
 */

export type DiffOpKind = 'equal' | 'insert' | 'delete';

export interface DiffOp {
  op: DiffOpKind;
  text: string;
}

export interface WordDiffOptions {
  /**
   * Largest number of token edits the exact diff explores (Myers costs O((N+M)·D) time and
   * O(D²) memory here; a work budget lowers the bound further for long texts). Past it the
   * diff goes line by line, then word by word within changed lines; a block still past it is
   * reported as one delete plus one insert, which over-counts but stays correct as a patch.
   */
  maxEditDistance?: number;
}

const DEFAULT_MAX_EDIT_DISTANCE = 2_000;

/**
 * A word (letters, marks, digits, joined by inner apostrophes or hyphens), a run of whitespace,
 * or any other single character (punctuation, symbols). Every character falls into one of the
 * three, so the tokens always concatenate back to the input.
 */
const TOKEN = /\s+|[\p{L}\p{M}\p{N}_]+(?:['’-][\p{L}\p{M}\p{N}_]+)*|[^\s]/gu;
const WHITESPACE = /^\s+$/;

/** Splits text into whitespace-preserving tokens (see TOKEN). */
export function tokenizeWords(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function isWhitespace(token: string): boolean {
  return WHITESPACE.test(token);
}

/** Number of non-whitespace tokens (words and punctuation marks) in a text. */
export function countWords(text: string): number {
  return tokenizeWords(text).filter((t) => !isWhitespace(t)).length;
}

interface TokenOp {
  op: DiffOpKind;
  token: string;
}

/** Maps tokens to small integers so the inner loop compares numbers, not strings. */
function intern(a: string[], b: string[]): { ia: Int32Array; ib: Int32Array } {
  const ids = new Map<string, number>();
  const idOf = (t: string): number => {
    let id = ids.get(t);
    if (id === undefined) {
      id = ids.size;
      ids.set(t, id);
    }
    return id;
  };
  return { ia: Int32Array.from(a, idOf), ib: Int32Array.from(b, idOf) };
}

/**
 * Myers' O(ND) shortest edit script over interned tokens. Keeps one V slice per edit distance
 * (only the diagonals reachable at that distance) for the backtrack. Returns null when the
 * distance would exceed `maxD`.
 */
function myers(a: Int32Array, b: Int32Array, maxD: number): ('=' | '+' | '-')[] | null {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, maxD);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(trace, n, m);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): ('=' | '+' | '-')[] {
  const script: ('=' | '+' | '-')[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1]!;
    // prev covers diagonals -(d-1)..(d-1), stored from index 0.
    const at = (k: number): number => prev[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      script.push('=');
      x--;
      y--;
    }
    script.push(down ? '+' : '-');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    script.push('=');
    x--;
    y--;
  }
  return script.reverse();
}

/**
 * Myers explores about (N+M)·D cells; the budget caps that product so a long rewrite costs
 * tens of milliseconds, not seconds, whatever `maxEditDistance` allows.
 */
const WORK_BUDGET = 20_000_000;

type Script = ('=' | '+' | '-')[];

function editScript(a: string[], b: string[], maxD: number): Script | null {
  const budget = Math.max(64, Math.floor(WORK_BUDGET / Math.max(1, a.length + b.length)));
  const { ia, ib } = intern(a, b);
  return myers(ia, ib, Math.min(maxD, budget));
}

function applyScript(script: Script, a: string[], b: string[]): TokenOp[] {
  const ops: TokenOp[] = [];
  let i = 0;
  let j = 0;
  for (const s of script) {
    if (s === '=') {
      ops.push({ op: 'equal', token: a[i++]! });
      j++;
    } else if (s === '-') ops.push({ op: 'delete', token: a[i++]! });
    else ops.push({ op: 'insert', token: b[j++]! });
  }
  return ops;
}

function coarse(a: string[], b: string[]): TokenOp[] {
  return [
    ...a.map((token): TokenOp => ({ op: 'delete', token })),
    ...b.map((token): TokenOp => ({ op: 'insert', token })),
  ];
}

function exactOrCoarse(a: string[], b: string[], maxD: number): TokenOp[] {
  const script = editScript(a, b, maxD);
  return script ? applyScript(script, a, b) : coarse(a, b);
}

/** Token runs ending at a line break, so a long text can be diffed line by line first. */
function lines(tokens: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const token of tokens) {
    current.push(token);
    if (token.includes('\n')) {
      out.push(current);
      current = [];
    }
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Word-level diff of the changed middle. Past the budget, it diffs lines first and then words
 * within each changed block of lines, so many small edits across a long text stay exact; only a
 * block that is itself past the budget is reported as one delete plus one insert.
 */
function middleOps(a: string[], b: string[], maxD: number): TokenOp[] {
  const script = editScript(a, b, maxD);
  if (script) return applyScript(script, a, b);
  const la = lines(a);
  const lb = lines(b);
  const lineScript =
    la.length + lb.length > 2
      ? editScript(
          la.map((l) => l.join('')),
          lb.map((l) => l.join('')),
          maxD,
        )
      : null;
  if (!lineScript) return coarse(a, b);
  const ops: TokenOp[] = [];
  let blockA: string[] = [];
  let blockB: string[] = [];
  const flush = (): void => {
    if (blockA.length || blockB.length) ops.push(...exactOrCoarse(blockA, blockB, maxD));
    blockA = [];
    blockB = [];
  };
  let i = 0;
  let j = 0;
  for (const s of lineScript) {
    if (s === '=') {
      flush();
      for (const token of la[i++]!) ops.push({ op: 'equal', token });
      j++;
    } else if (s === '-') blockA.push(...la[i++]!);
    else blockB.push(...lb[j++]!);
  }
  flush();
  return ops;
}

function tokenOps(a: string[], b: string[], maxD: number): TokenOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return [
    ...a.slice(0, start).map((token): TokenOp => ({ op: 'equal', token })),
    ...middleOps(a.slice(start, endA), b.slice(start, endB), maxD),
    ...a.slice(endA).map((token): TokenOp => ({ op: 'equal', token })),
  ];
}

/**
 * Groups token ops into readable ops: runs of changes become one delete followed by one
 * insert, and a whitespace-only "equal" between two changes joins them (so "we utilize the"
 * → "we use the" reads as delete "utilize", insert "use", not as scattered single tokens).
 */
function coalesce(ops: TokenOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  let del = '';
  let ins = '';
  let eq = '';
  const flushChange = (): void => {
    if (del) out.push({ op: 'delete', text: del });
    if (ins) out.push({ op: 'insert', text: ins });
    del = '';
    ins = '';
  };
  const flushEqual = (): void => {
    if (eq) out.push({ op: 'equal', text: eq });
    eq = '';
  };
  for (let i = 0; i < ops.length; i++) {
    const { op, token } = ops[i]!;
    if (op === 'equal') {
      const inChange = del !== '' || ins !== '';
      if (inChange && isWhitespace(token) && ops[i + 1] && ops[i + 1]!.op !== 'equal') {
        del += token;
        ins += token;
        continue;
      }
      flushChange();
      eq += token;
    } else {
      flushEqual();
      if (op === 'delete') del += token;
      else ins += token;
    }
  }
  flushChange();
  flushEqual();
  return out;
}

/** Word-level diff of `a` → `b`; see the module comment for the guarantees. */
export function wordDiff(a: string, b: string, options: WordDiffOptions = {}): DiffOp[] {
  const maxD = Math.max(0, options.maxEditDistance ?? DEFAULT_MAX_EDIT_DISTANCE);
  return coalesce(tokenOps(tokenizeWords(a), tokenizeWords(b), maxD));
}

/**
 * Words (and punctuation marks) inserted plus deleted going from `a` to `b`. Whitespace-only
 * changes count zero, so re-flowing a paragraph is not an edit.
 */
export function editSize(a: string, b: string, options: WordDiffOptions = {}): number {
  let size = 0;
  for (const { op, text } of wordDiff(a, b, options)) {
    if (op !== 'equal') size += countWords(text);
  }
  return size;
}
