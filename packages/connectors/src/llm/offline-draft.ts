import type { LlmMessage } from '@tandem/nodes';

/*
 * The offline provider's writer: a deterministic, readable draft built from what the prompt
 * actually says (its subject, the run input rendered into it, the brief inside untrusted-data
 * fences, "mention/include/highlight" directives) and the rules in it (preferred terms, banned
 * phrases, required disclaimers in the format the learning prompt writes). It is not a
 * language model and never claims to be one: the provider reports model "offline".
 */

export interface DraftParts {
  title: string;
  paragraphs: string[];
  /** Significant words of the subject, for tags and short JSON fields. */
  keywords: string[];
}

/** An untrusted-data fence as `wrapUntrusted` writes it: `<<<data-<id>` … `data-<id>>>>`. */
const DATA_BLOCK = /(?:^[^\n]*\n)?<<<data-([0-9a-z]+)\n([\s\S]*?)\n?data-\1>>>/gm;
const BLOCK_LABEL = /data "([^"\n]*)"/;
const PREFERRED = /Write "([^"\n]+)", not "([^"\n]+)"/g;
const BANNED = /Never write "([^"\n]+)"/g;
const DISCLAIMER = /Always include: "([^"\n]+)"/g;
const KEY_LINE = /^\s*[-*]?\s*([A-Za-z][\w ]{1,30}?)\s*:\s*(\S.{0,300})$/;
const SUBJECT_KEYS = /^(topic|subject|product|title|campaign|headline|announcement|feature)$/i;
const AUDIENCE_KEYS = /^(audience|readers|target audience|for)$/i;
const SUBJECT_CUE =
  /\b(?:about|announcing|announce|introducing|introduce|promoting|promote|covering|describing|featuring|on)\s+(.{3,160}?)(?=[.!?;\n]|$)/i;
const AUDIENCE_CUE =
  /\bfor\s+((?:our\s+|busy\s+|new\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?\s*(?:teams?|leads|managers|customers|marketers|readers|users|owners|buyers|developers|founders|parents|students|professionals|audience))\b/i;
const DIRECTIVE = /^(?:mention|include|highlight|emphasi[sz]e|add|note)\s+(.{3,200}?)[.!]?$/i;
/** Sentences in data that address the model rather than describe anything: not facts. */
const INSTRUCTION_LIKE =
  /\b(?:ignore|disregard|forget)\b.*\b(?:instructions?|rules?|prompt)\b|^(?:never write|always include|write ")|\b(?:system|assistant)\s*:/i;
const STOP_WORDS = new Set(
  'a an the and or but for of to in on with our your their its this that these those is are be new from into about'.split(
    ' ',
  ),
);
const SMALL_WORDS = new Set('a an the and or but for of to in on with at by as'.split(' '));

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function endSentence(text: string): string {
  const t = text.trim();
  return /[.!?:]$/.test(t) ? t : `${t}.`;
}

function titleCase(text: string): string {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 10)
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w.toLowerCase()) ? w.toLowerCase() : capitalise(w)))
    .join(' ')
    .replace(/[.,;:!?]+$/, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Keeps the case of the first letter of what it replaces ("Utilize" → "Use"). */
function replaceTerm(text: string, from: string, to: string): string {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(from)}(?![\\p{L}\\p{N}])`, 'giu');
  return text.replace(pattern, (match) =>
    /^\p{Lu}/u.test(match) ? capitalise(to) : to.charAt(0).toLowerCase() + to.slice(1),
  );
}

/** Applies the prompt's brand rules to the draft, as a careful writer would. */
function applyRules(parts: DraftParts, rulesText: string): DraftParts {
  const apply = (text: string): string => {
    let out = text;
    for (const [, use, insteadOf] of rulesText.matchAll(PREFERRED)) {
      out = replaceTerm(out, insteadOf!, use!);
    }
    for (const [, phrase] of rulesText.matchAll(BANNED)) out = replaceTerm(out, phrase!, '');
    return out
      .replace(/[ \t]{2,}/g, ' ')
      .replace(/\s+([.,;:!?])/g, '$1')
      .trim();
  };
  const paragraphs = parts.paragraphs.map(apply).filter(Boolean);
  for (const [, disclaimer] of rulesText.matchAll(DISCLAIMER)) {
    if (!paragraphs.some((p) => p.includes(disclaimer!))) paragraphs.push(disclaimer!);
  }
  return { ...parts, title: apply(parts.title), paragraphs };
}

function findSubject(instructions: string, keyLines: [string, string][], data: string[]): string {
  const keyed = keyLines.find(([k]) => SUBJECT_KEYS.test(k.trim()));
  if (keyed) return keyed[1];
  const cue = SUBJECT_CUE.exec(instructions);
  if (cue) return cue[1]!.replace(/\s+for\s+.*$/i, '').trim();
  const first = sentences(instructions)[0] ?? sentences(data.join('\n'))[0] ?? 'Our latest update';
  return first
    .replace(/^(?:please\s+)?(?:write|draft|create|compose|generate|produce)\s+(?:an?\s+)?/i, '')
    .replace(/[.!?]$/, '');
}

/** Builds the draft's parts from the prompt; `choose` picks among phrasings (seeded). */
export function composeDraft(
  messages: LlmMessage[],
  choose: <T>(options: readonly T[]) => T,
): DraftParts {
  // Rules come from the prompt itself, never from inside untrusted data.
  const all = messages
    .map((m) => m.content)
    .join('\n\n')
    .replace(DATA_BLOCK, '\n');
  const user = messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content)
    .join('\n\n');
  const data: string[] = [];
  for (const match of user.matchAll(DATA_BLOCK)) {
    const label = BLOCK_LABEL.exec(match[0])?.[1] ?? '';
    // Approved examples are style guidance, not facts for this draft.
    if (!/example/i.test(label)) data.push(match[2]!.trim());
  }
  // Sections the engine appends after the designer's prompt ("## ...") are context, not brief.
  const instructions = user.replace(DATA_BLOCK, '\n').split(/^##\s/m)[0]!.trim();
  const keyLines: [string, string][] = [];
  const directives: string[] = [];
  const prose: string[] = [];
  for (const s of sentences(instructions)) {
    const key = KEY_LINE.exec(s);
    if (key && !/^https?$/i.test(key[1]!)) keyLines.push([key[1]!.trim(), key[2]!.trim()]);
    const directive = DIRECTIVE.exec(s);
    if (directive) directives.push(directive[1]!);
  }
  for (const block of data) {
    prose.push(...sentences(block).filter((s) => !INSTRUCTION_LIKE.test(s)));
  }
  const subject = findSubject(instructions, keyLines, data);
  const audience =
    keyLines.find(([k]) => AUDIENCE_KEYS.test(k.trim()))?.[1] ??
    AUDIENCE_CUE.exec(instructions)?.[1];

  const opener = choose([
    `Introducing ${subject}.`,
    `Meet ${subject}.`,
    `Here is what is new: ${subject}.`,
  ]);
  const first = [capitalise(endSentence(opener))];
  if (audience) first.push(`It is made for ${audience}.`);
  const paragraphs = [first.join(' ')];
  const details = prose.length
    ? prose.slice(0, 6).map(endSentence)
    : keyLines
        .filter(([k]) => !SUBJECT_KEYS.test(k.trim()) && !AUDIENCE_KEYS.test(k.trim()))
        .slice(0, 6)
        .map(([k, v]) => endSentence(`${capitalise(k)}: ${v}`));
  if (details.length) paragraphs.push(details.join(' '));
  if (directives.length) {
    paragraphs.push(endSentence(`Also worth knowing: ${directives.slice(0, 4).join('; ')}`));
  }
  paragraphs.push(
    choose([
      'Want to learn more? Get in touch with our team.',
      'Questions? Reply here and we will get back to you.',
      'Take a look and tell us what you think.',
    ]),
  );
  const keywords = [
    ...new Set(
      subject
        .toLowerCase()
        .split(/[^\p{L}\p{N}-]+/u)
        .filter((w) => w.length > 2 && !STOP_WORDS.has(w)),
    ),
  ];
  return applyRules({ title: titleCase(subject), paragraphs, keywords }, all);
}

/** The draft as text, cut to about `maxWords` words when the request limits tokens. */
export function renderDraft(parts: DraftParts, maxWords?: number): string {
  const text = [parts.title, ...parts.paragraphs].join('\n\n');
  if (maxWords === undefined) return text;
  let seen = 0;
  return text.replace(/\S+/g, (word) => (++seen <= maxWords ? word : '')).trimEnd();
}
