import type { LlmMessage } from '@tandem/nodes';

/*
 * Reads a rendered prompt the way the offline provider needs it: the designer's instruction
 * (with short run inputs inlined), the facts from untrusted data, the brand and learning rules,
 * a reviewer's revision note, and length limits. It understands the two shapes the product
 * writes: the node catalog's `<untrusted-data>…</untrusted-data>` wrapper and brand block
 * ('use "x" not "y"', 'Never use: "a", "b"', 'Always include, word for word: a | b'), and the
 * learning module's fenced data and rule sentences ('Write "x", not "y".', 'Never write "x".',
 * 'Always include: "x"'). Rules are read only outside untrusted data, so an input cannot
 * smuggle rules in.
 */

export interface PromptRules {
  /** [use, insteadOf] pairs. */
  preferred: [string, string][];
  banned: string[];
  disclaimers: string[];
}

export interface ReadPrompt {
  instructions: string;
  /** The prompt asks to announce or launch something (vs. write about a topic). */
  announces: boolean;
  /** Sentences from untrusted data that describe something (instructions to the model dropped). */
  facts: string[];
  /** List items from untrusted data ("- faster reports"), kept as a list, not run-on sentences. */
  points: string[];
  keyLines: [string, string][];
  directives: string[];
  subject: string;
  audience: string | undefined;
  rules: PromptRules;
  revisionNote: string | undefined;
  /** What the note asks to add ("Mention the 20% discount" → "the 20% discount"). */
  revisionAsks: string[];
  /** The note's other sentences, which the rules and length handling do not cover. */
  revisionOther: string[];
  wantsShorter: boolean;
  maxChars: number | undefined;
  endWith: string | undefined;
}

const FENCE = /(?:^[^\n]*\n)?<<<data-([0-9a-z]+)\n([\s\S]*?)\n?data-\1>>>/gm;
const FENCE_LABEL = /data "([^"\n]*)"/;
const TAG = /<untrusted-data>([\s\S]*?)<\/untrusted-data>/gi;
const REVISION = /^A reviewer on the team asked for changes[\s\S]*$/m;
const REVISION_NOTE = /Their note:\s*(.+)/;
const PREFERRED = /\b(?:write|use) "([^"\n]+)",? not "([^"\n]+)"/gi;
const INSTEAD = /\b(?:use|say|write) "([^"\n]+)" instead of "([^"\n]+)"/gi;
const BANNED = /\bNever write "([^"\n]+)"/gi;
const BANNED_LINE = /^Never use:(.*)$/gim;
const REMOVE =
  /\b(?:remove|drop|delete|cut|avoid|don'?t (?:say|use)|do not (?:say|use))\s+"([^"\n]+)"/gi;
const DISCLAIMER = /\bAlways include: "([^"\n]+)"/g;
const DISCLAIMER_LINE = /^Always include, word for word:\s*(.+)$/gim;
const QUOTED = /"([^"\n]+)"/g;
const SHORTER = /\b(?:shorter|too long|concise|trim|cut it down|brief|fewer words)\b/i;
const MAX_CHARS =
  /\b(?:at most|up to|no more than|under|max(?:imum)?(?: of)?)\s+(\d{2,5})\s+characters\b/i;
const END_WITH = /\bend with\s+(https?:\/\/[^\s<>"]+?)[.,;]?(?=\s|$)/i;
const KEY_LINE = /^\s*[-*]?\s*([A-Za-z][\w ]{1,30}?)\s*:\s*(\S.{0,300})$/;
/** "Cover these points: …" is an instruction, "https://…" a link; neither is a labelled value. */
const NOT_A_KEY = /^(?:https?|cover|write|include|mention|use|add|give|end|keep|make|note)\b/i;
const SUBJECT_KEYS = /^(topic|subject|product|title|campaign|headline|announcement|feature)$/i;
const AUDIENCE_KEYS = /^(audience|readers|target audience)$/i;
const SUBJECT_CUE =
  /\b(?:about|announcing|announce|introducing|introduce|promoting|promote|covering|describing|featuring|on)\s+(?=[\p{L}"'“])(.{3,160}?)(?=[.!?;:,\n]|$)/iu;
const AUDIENCE_CUE =
  /\bfor\s+((?:our\s+|busy\s+|new\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?\s*(?:teams?|leads|managers|customers|marketers|readers|users|owners|buyers|developers|founders|parents|students|professionals|audience))\b/i;
const DIRECTIVE =
  /^(?:please\s+)?(?:mention|include|highlight|emphasi[sz]e|add|note)\s+(.{3,200}?)[.!]?$/i;
/** Sentences in data that address the model rather than describe anything: not facts. */
export const INSTRUCTION_LIKE =
  /\b(?:ignore|disregard|forget)\b.*\b(?:instructions?|rules?|prompt)\b|^(?:never (?:write|use)|always include|(?:write|use) ")|\b(?:system|assistant)\s*:/i;

const LIST_ITEM = /^\s*(?:[-*•–]|\d{1,2}[.)])\s+(\S.*)$/;

/**
 * Splits data into prose sentences and list items. Bulleted lines are items; so is a block of
 * two or more short lines none of which ends like a sentence ("faster reports\nfewer errors").
 */
function splitData(text: string): { prose: string; items: string[] } {
  const lines = text.split('\n').filter((l) => l.trim());
  const bare =
    lines.length >= 2 &&
    lines.every((l) => l.trim().split(/\s+/).length <= 12 && !/[.!?:]$/.test(l.trim()));
  if (bare) return { prose: '', items: lines.map((l) => LIST_ITEM.exec(l)?.[1] ?? l.trim()) };
  const items: string[] = [];
  const prose = lines.filter((line) => {
    const item = LIST_ITEM.exec(line);
    if (item) items.push(item[1]!.trim());
    return !item;
  });
  return { prose: prose.join('\n'), items };
}

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

function readRules(text: string, note: string | undefined): PromptRules {
  const preferred: [string, string][] = [];
  for (const [, use, insteadOf] of text.matchAll(PREFERRED)) preferred.push([use!, insteadOf!]);
  const banned = [...text.matchAll(BANNED)].map((m) => m[1]!);
  for (const [, list] of text.matchAll(BANNED_LINE)) {
    for (const [, phrase] of list!.matchAll(QUOTED)) banned.push(phrase!);
  }
  const disclaimers = [...text.matchAll(DISCLAIMER)].map((m) => m[1]!);
  for (const [, list] of text.matchAll(DISCLAIMER_LINE)) {
    disclaimers.push(
      ...list!
        .split(' | ')
        .map((d) => d.trim())
        .filter(Boolean),
    );
  }
  if (note) {
    for (const [, use, insteadOf] of note.matchAll(INSTEAD)) preferred.push([use!, insteadOf!]);
    for (const [, phrase] of note.matchAll(REMOVE)) banned.push(phrase!);
  }
  return { preferred, banned, disclaimers };
}

function findSubject(instructions: string, keyLines: [string, string][], facts: string[]): string {
  const keyed = keyLines.find(([k]) => SUBJECT_KEYS.test(k));
  if (keyed) return keyed[1];
  const cue = SUBJECT_CUE.exec(instructions);
  if (cue) return cue[1]!.replace(/\s+for\s+.*$/i, '').trim();
  const first = sentences(instructions)[0] ?? facts[0] ?? 'Our latest update';
  return first
    .replace(/^(?:please\s+)?(?:write|draft|create|compose|generate|produce)\s+(?:an?\s+)?/i, '')
    .replace(/[.!?]$/, '');
}

/** Sorts a reviewer's note into things to add and requests the writer cannot act on itself. */
function readNote(note: string | undefined): { asks: string[]; other: string[] } {
  const asks: string[] = [];
  const other: string[] = [];
  for (const s of sentences(note ?? '')) {
    const directive = DIRECTIVE.exec(s);
    if (directive) asks.push(directive[1]!);
    else if (
      !SHORTER.test(s) &&
      !new RegExp(INSTEAD.source, 'i').test(s) &&
      !new RegExp(REMOVE.source, 'i').test(s)
    ) {
      other.push(s);
    }
  }
  return { asks, other };
}

export function readPrompt(messages: LlmMessage[]): ReadPrompt {
  const facts: string[] = [];
  const points: string[] = [];
  const addFacts = (text: string): void => {
    const { prose, items } = splitData(text);
    facts.push(...sentences(prose).filter((s) => !INSTRUCTION_LIKE.test(s)));
    points.push(...items.filter((s) => !INSTRUCTION_LIKE.test(s)));
  };
  const user = messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content)
    .join('\n\n');
  const revisionNote = REVISION_NOTE.exec(REVISION.exec(user)?.[0] ?? '')?.[1]?.trim();
  const instructions = user
    .replace(REVISION, '')
    .replace(FENCE, (block, _id: string, body: string) => {
      // Approved examples are style guidance, not facts for this draft.
      if (!/example/i.test(FENCE_LABEL.exec(block)?.[1] ?? '')) addFacts(body);
      return '\n';
    })
    .replace(TAG, (_tag, body: string) => {
      const value = body.trim();
      const inline = !value.includes('\n') && value.length <= 120 && !INSTRUCTION_LIKE.test(value);
      // A short input that is a sentence ("Free trial for 30 days.") is also a fact to use.
      if (!inline || /[.!?]$/.test(value) || value.split(/\s+/).length > 6) addFacts(value);
      return inline ? value : '';
    })
    .replace(/(?<!\.)\.\.(?!\.)/g, '.')
    .split(/^##\s/m)[0]!
    .trim();
  // Rules never come from inside untrusted data, inline or not.
  const rulesText = messages
    .map((m) => m.content)
    .join('\n\n')
    .replace(REVISION, '')
    .replace(FENCE, '\n')
    .replace(TAG, '');

  const keyLines: [string, string][] = [];
  const directives: string[] = [];
  for (const s of sentences(instructions)) {
    const key = KEY_LINE.exec(s);
    if (key && !NOT_A_KEY.test(key[1]!)) keyLines.push([key[1]!.trim(), key[2]!.trim()]);
    const directive = DIRECTIVE.exec(s);
    if (directive) directives.push(directive[1]!);
  }
  const maxChars = MAX_CHARS.exec(instructions)?.[1];
  const note = readNote(revisionNote);
  return {
    instructions,
    announces: /\b(?:announc|launch|introduc|unveil|releas)/i.test(instructions),
    facts,
    points,
    keyLines,
    directives,
    subject: findSubject(instructions, keyLines, facts),
    audience:
      keyLines.find(([k]) => AUDIENCE_KEYS.test(k))?.[1] ?? AUDIENCE_CUE.exec(instructions)?.[1],
    rules: readRules(rulesText, revisionNote),
    revisionNote,
    revisionAsks: note.asks,
    revisionOther: note.other,
    wantsShorter: revisionNote !== undefined && SHORTER.test(revisionNote),
    maxChars: maxChars ? Number(maxChars) : undefined,
    endWith: END_WITH.exec(instructions)?.[1],
  };
}

export function isSubjectOrAudienceKey(key: string): boolean {
  return SUBJECT_KEYS.test(key) || AUDIENCE_KEYS.test(key);
}
