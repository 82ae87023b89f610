import { termPattern, type LlmMessage } from '@tandem/nodes';
import { isSubjectOrAudienceKey, readPrompt, type PromptRules } from './offline-prompt.js';

/*
 * The offline provider's writer: a deterministic, readable draft built from what the prompt
 * says (subject, audience, facts from the inputs, "mention/include" directives, length limits,
 * a reviewer's revision note) and following its rules (preferred terms, banned phrases,
 * disclaimers). It is not a language model and never claims to be one: the provider reports
 * model "offline".
 */

export interface DraftParts {
  title: string;
  paragraphs: string[];
  /** Significant words of the subject, for tags and short JSON fields. */
  keywords: string[];
  /** Character limit the prompt set, if any. */
  maxChars?: number;
}

const STOP_WORDS = new Set(
  'a an the and or but for of to in on with our your their its this that these those is are be new from into about'.split(
    ' ',
  ),
);
const SMALL_WORDS = new Set('a an the and or but for of to in on with at by as'.split(' '));

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "How to measure ROI" reads "how to measure ROI" mid-sentence; "Smart Alerts" stays. */
function inSentence(text: string): string {
  return /^\p{Lu}\p{Ll}*\s+\p{Ll}/u.test(text)
    ? text.charAt(0).toLowerCase() + text.slice(1)
    : text;
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

/**
 * Keeps the case of the first letter of what it replaces ("Utilize" → "Use"). Terms match as
 * the brand check matches them, so what the writer replaces is what the check would flag.
 */
function replaceTerm(text: string, from: string, to: string): string {
  return text.replace(termPattern(from), (match) =>
    /^\p{Lu}/u.test(match) ? capitalise(to) : to.charAt(0).toLowerCase() + to.slice(1),
  );
}

/** Applies the prompt's brand rules, as a careful writer would. */
function applyRules(parts: DraftParts, rules: PromptRules): DraftParts {
  const apply = (text: string): string => {
    let out = text;
    for (const [use, insteadOf] of rules.preferred) out = replaceTerm(out, insteadOf, use);
    for (const phrase of rules.banned) out = replaceTerm(out, phrase, '');
    return out
      .replace(/[ \t]{2,}/g, ' ')
      .replace(/\s+([.,;:!?])/g, '$1')
      .trim();
  };
  const paragraphs = parts.paragraphs.map(apply).filter(Boolean);
  for (const disclaimer of rules.disclaimers) {
    if (!paragraphs.some((p) => p.includes(disclaimer))) paragraphs.push(disclaimer);
  }
  return { ...parts, title: apply(parts.title), paragraphs };
}

/**
 * What a revision adds for the reviewer's note: what it asked to mention, as a sentence of its
 * own, and, for requests a template writer cannot carry out ("make it punchier"), a plain label
 * saying so, so the redraft visibly answers the note without pretending to have rewritten it.
 */
function revisionParagraphs(asks: string[], other: string[]): string[] {
  const out: string[] = [];
  if (asks.length) out.push(endSentence(`Worth knowing: ${asks.join('; ')}`));
  if (other.length) {
    out.push(
      `[Offline writer: revised for the reviewer's note "${other.join(' ')}". A connected AI model would rewrite the draft to match.]`,
    );
  }
  return out;
}

/** Builds the draft's parts from the prompt; `choose` picks among phrasings (seeded). */
export function composeDraft(
  messages: LlmMessage[],
  choose: <T>(options: readonly T[]) => T,
): DraftParts {
  const p = readPrompt(messages);
  const subject = inSentence(p.subject);
  const opener = choose(
    p.announces
      ? [`Introducing ${subject}.`, `Meet ${subject}.`, `Here is what is new: ${subject}.`]
      : [
          `Here is what you need to know about ${subject}.`,
          `A closer look at ${subject}.`,
          `Let's talk about ${subject}.`,
        ],
  );
  const first = [capitalise(endSentence(opener))];
  if (p.audience) first.push(`It is made for ${p.audience}.`);
  const details = p.facts.length
    ? p.facts.map(endSentence)
    : p.keyLines
        .filter(([k]) => !isSubjectOrAudienceKey(k))
        .map(([k, v]) => endSentence(`${capitalise(k)}: ${v}`));
  const paragraphs = [first.join(' ')];
  if (details.length) paragraphs.push(details.slice(0, p.wantsShorter ? 2 : 6).join(' '));
  // One item a line, as the input listed them: joined as sentences they read as a run-on.
  if (p.points.length) {
    paragraphs.push(
      p.points
        .slice(0, p.wantsShorter ? 3 : 8)
        .map((item) => `- ${item}`)
        .join('\n'),
    );
  }
  paragraphs.push(...revisionParagraphs(p.revisionAsks, p.revisionOther));
  if (!p.wantsShorter) {
    if (p.directives.length) {
      paragraphs.push(endSentence(`Also worth knowing: ${p.directives.slice(0, 4).join('; ')}`));
    }
    paragraphs.push(
      choose([
        'Want to learn more? Get in touch with our team.',
        'Questions? Reply here and we will get back to you.',
        'Take a look and tell us what you think.',
      ]),
    );
  }
  if (p.endWith) paragraphs.push(p.endWith);
  const keywords = [
    ...new Set(
      p.subject
        .toLowerCase()
        .split(/[^\p{L}\p{N}-]+/u)
        .filter((w) => w.length > 2 && !STOP_WORDS.has(w)),
    ),
  ];
  const parts: DraftParts = { title: titleCase(p.subject), paragraphs, keywords };
  if (p.maxChars !== undefined) parts.maxChars = p.maxChars;
  return applyRules(parts, p.rules);
}

function cutWords(text: string, maxWords: number): string {
  let seen = 0;
  return text.replace(/\S+/g, (word) => (++seen <= maxWords ? word : '')).trimEnd();
}

/**
 * Fits a character limit: drops middle paragraphs first (the last one carries the link or
 * disclaimer the prompt asked to end with), then shortens the opening at a word boundary.
 */
function fitChars(parts: DraftParts, max: number): string {
  const paragraphs = [...parts.paragraphs];
  const render = (): string => [parts.title, ...paragraphs].join('\n\n');
  while (render().length > max && paragraphs.length > 2) paragraphs.splice(-2, 1);
  if (render().length <= max) return render();
  const tail = paragraphs.length > 1 ? `\n\n${paragraphs.at(-1)}` : '';
  const room = max - parts.title.length - 2 - tail.length - 1;
  const head = paragraphs[0]!.slice(0, Math.max(0, room));
  const cut = head.slice(0, Math.max(0, head.lastIndexOf(' '))).trimEnd();
  return cut ? `${parts.title}\n\n${cut}…${tail}` : render().slice(0, max);
}

/** The draft as text, within the prompt's character limit and about `maxWords` words. */
export function renderDraft(parts: DraftParts, maxWords?: number): string {
  const text =
    parts.maxChars === undefined
      ? [parts.title, ...parts.paragraphs].join('\n\n')
      : fitChars(parts, parts.maxChars);
  return maxWords === undefined ? text : cutWords(text, maxWords);
}
