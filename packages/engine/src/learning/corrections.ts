import { countWords, wordDiff } from '@tandem/nodes';
import type { BrandKit, Feedback, Suggestion } from '@tandem/schema';
import { isApproval } from './few-shot.js';

/*
 * Mines reviewer decisions for corrections worth turning into rules: the same replacement made
 * in several decisions ("utilize" → "use"), phrases reviewers (almost) always delete, text they
 * keep adding, and recurring rejection tags and reasons. Counting is per decision, not per
 * occurrence, so one heavy edit cannot outvote the team; one-offs stay below `minOccurrences`
 * and are ignored. The results are proposals: a manager or admin accepts or dismisses each.
 */

export type SuggestionFields = Pick<
  Suggestion,
  'flowId' | 'nodeId' | 'kind' | 'use' | 'insteadOf' | 'phrase' | 'note'
>;

export interface CorrectionProposal extends SuggestionFields {
  /** Stable identity of the rule (see suggestionKey), for de-duplication against stored ones. */
  key: string;
  /** Decisions that made this correction. */
  occurrences: number;
  /** Approved decisions that left the same term or phrase in place (terms and phrases only). */
  kept: number;
  /** The decisions behind it, newest first (at most 20). */
  feedbackIds: string[];
}

export interface MineCorrectionsOptions {
  /** A correction must appear in at least this many decisions. Default 3. */
  minOccurrences?: number;
  /** Longest replaced or deleted phrase considered a term, in words. Default 6. */
  maxPhraseWords?: number;
  /** Longest repeatedly added passage considered (e.g. a disclaimer), in words. Default 40. */
  maxAddedWords?: number;
  /** Share of decisions seeing the term that corrected it (vs. kept it). Default 0.75. */
  minConsistency?: number;
  /** Rules already stored (any status) are not proposed again. */
  existing?: readonly SuggestionFields[];
  /** Terms and phrases the brand kit already covers are not proposed. */
  brandKit?: Pick<BrandKit, 'preferredTerms' | 'bannedPhrases'> | null;
}

const NAME_MAX = 200;
const NOTE_MAX = 2_000;
const FILLER = new Set(
  'a an the and or but of to in on at by for with as is are was be it this that we you our your'.split(
    ' ',
  ),
);
const TAG_NOTES: Record<string, string> = {
  'off-brand': 'Stay on brand: follow the brand voice and rules closely.',
  tone: 'Match the brand voice; reviewers often correct the tone.',
  inaccurate: 'Use only facts given in the input; do not invent details, numbers or claims.',
  legal: 'Avoid claims that need legal review: no guarantees, superlatives or unverified numbers.',
  'too-long': 'Keep it shorter; reviewers often cut drafts for length.',
};

function norm(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Identity of a rule, independent of letter case unless case is the whole point ("Ai" → "AI"). */
export function suggestionKey(
  s: Pick<SuggestionFields, 'kind' | 'use' | 'insteadOf' | 'phrase' | 'note'>,
): string {
  switch (s.kind) {
    case 'preferred_term': {
      const from = norm(s.insteadOf);
      const to = norm(s.use);
      const caseOnly = from.toLowerCase() === to.toLowerCase();
      return caseOnly
        ? `preferred_term:${from}=>${to}`
        : `preferred_term:${from.toLowerCase()}=>${to.toLowerCase()}`;
    }
    case 'banned_phrase':
      return `banned_phrase:${norm(s.phrase).toLowerCase()}`;
    case 'prompt_note':
      return `prompt_note:${norm(s.note).toLowerCase()}`;
  }
}

/** Trims whitespace and edge punctuation a diff hunk carries along. */
function cleanPhrase(text: string): string {
  return norm(text).replace(/^[\s,;:.!?]+|[\s,;:]+$/g, '');
}

/** "Utilize" at a sentence start is the word "utilize"; "AI" stays "AI". */
function decapitalise(text: string): string {
  return /^\p{Lu}(\P{Lu}|$)/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function hasContent(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function containsTerm(text: string, term: string, caseSensitive = false): boolean {
  const flags = caseSensitive ? 'u' : 'iu';
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![\\p{L}\\p{N}])`, flags);
  return pattern.test(text);
}

interface Tally {
  /** Surface forms seen, with counts, to report the most common spelling. */
  forms: Map<string, number>;
  feedback: Feedback[];
}

function tally(map: Map<string, Tally>, key: string, form: string, f: Feedback): void {
  let t = map.get(key);
  if (!t) {
    t = { forms: new Map(), feedback: [] };
    map.set(key, t);
  }
  t.forms.set(form, (t.forms.get(form) ?? 0) + 1);
  if (!t.feedback.includes(f)) t.feedback.push(f);
}

function commonForm(t: Tally): string {
  return [...t.forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

function ids(list: Feedback[]): string[] {
  return [...list]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, 20)
    .map((f) => f.id);
}

interface StepTallies {
  replaced: Map<string, Tally>;
  deleted: Map<string, Tally>;
  added: Map<string, Tally>;
  tags: Map<string, Tally>;
  reasons: Map<string, Tally>;
}

function collect(
  decisions: Feedback[],
  o: Required<Omit<MineCorrectionsOptions, 'existing' | 'brandKit'>>,
): StepTallies {
  const t: StepTallies = {
    replaced: new Map(),
    deleted: new Map(),
    added: new Map(),
    tags: new Map(),
    reasons: new Map(),
  };
  for (const f of decisions) {
    for (const tag of new Set(f.tags.map((x) => x.trim().toLowerCase()))) {
      if (tag && tag !== 'other') tally(t.tags, tag, tag, f);
    }
    if (f.reason && f.action !== 'approve') {
      const reason = norm(f.reason).replace(/[.!]+$/, '');
      if (hasContent(reason)) tally(t.reasons, reason.toLowerCase(), reason, f);
    }
    if (!isApproval(f) || f.original === f.final) continue;
    const ops = wordDiff(f.original, f.final);
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      const next = ops[i + 1];
      if (op.op === 'delete' && next?.op === 'insert') {
        i++;
        const rawFrom = cleanPhrase(op.text);
        const rawTo = cleanPhrase(next.text);
        const caseOnly = rawFrom.toLowerCase() === rawTo.toLowerCase();
        const from = caseOnly ? rawFrom : decapitalise(rawFrom);
        const to = caseOnly ? rawTo : decapitalise(rawTo);
        const short = (s: string) => countWords(s) <= o.maxPhraseWords && s.length <= NAME_MAX;
        if (!hasContent(from) || !hasContent(to) || !short(from) || !short(to) || from === to) {
          continue;
        }
        const key = suggestionKey({
          kind: 'preferred_term',
          use: to,
          insteadOf: from,
          phrase: null,
          note: null,
        });
        tally(t.replaced, key, `${from}\u0000${to}`, f);
      } else if (op.op === 'delete') {
        const phrase = decapitalise(cleanPhrase(op.text));
        const words = phrase.toLowerCase().split(/\s+/);
        if (!hasContent(phrase) || countWords(phrase) > o.maxPhraseWords) continue;
        if (phrase.length > NAME_MAX || words.every((w) => FILLER.has(w))) continue;
        tally(t.deleted, phrase.toLowerCase(), phrase, f);
      } else if (op.op === 'insert') {
        const added = norm(op.text);
        if (!hasContent(added) || countWords(added) > o.maxAddedWords) continue;
        if (added.split(/\s+/).every((w) => FILLER.has(w.toLowerCase()))) continue;
        tally(t.added, added.toLowerCase(), added, f);
      }
    }
  }
  return t;
}

export function mineCorrections(
  feedback: readonly Feedback[],
  options: MineCorrectionsOptions = {},
): CorrectionProposal[] {
  const o = {
    minOccurrences: Math.max(1, options.minOccurrences ?? 3),
    maxPhraseWords: options.maxPhraseWords ?? 6,
    maxAddedWords: options.maxAddedWords ?? 40,
    minConsistency: options.minConsistency ?? 0.75,
  };
  const existing = new Set(
    (options.existing ?? []).map((s) => `${s.flowId}\u0000${s.nodeId}\u0000${suggestionKey(s)}`),
  );
  const kitTerms = new Set(
    (options.brandKit?.preferredTerms ?? []).map((p) => p.insteadOf.toLowerCase()),
  );
  const kitBanned = new Set((options.brandKit?.bannedPhrases ?? []).map((p) => p.toLowerCase()));

  const steps = new Map<string, Feedback[]>();
  for (const f of feedback) {
    if (!f.sourceNodeId) continue;
    const key = `${f.flowId}\u0000${f.sourceNodeId}`;
    const list = steps.get(key);
    if (list) list.push(f);
    else steps.set(key, [f]);
  }

  const proposals: CorrectionProposal[] = [];
  for (const decisions of steps.values()) {
    const { flowId, sourceNodeId } = decisions[0]!;
    const nodeId = sourceNodeId!;
    const approvals = decisions.filter(isApproval);
    const keptCount = (term: string, corrected: Feedback[], caseSensitive = false): number =>
      approvals.filter(
        (f) =>
          !corrected.includes(f) &&
          containsTerm(f.original, term, caseSensitive) &&
          containsTerm(f.final, term, caseSensitive),
      ).length;
    const consistent = (occurrences: number, kept: number): boolean =>
      occurrences >= o.minOccurrences && occurrences / (occurrences + kept) >= o.minConsistency;
    const push = (fields: Omit<SuggestionFields, 'flowId' | 'nodeId'>, t: Tally, kept: number) => {
      const full = { flowId, nodeId, ...fields };
      const key = suggestionKey(full);
      if (existing.has(`${flowId}\u0000${nodeId}\u0000${key}`)) return;
      proposals.push({
        ...full,
        key,
        occurrences: t.feedback.length,
        kept,
        feedbackIds: ids(t.feedback),
      });
    };
    const blank = { use: null, insteadOf: null, phrase: null, note: null };

    const t = collect(decisions, o);
    for (const tallyOf of t.replaced.values()) {
      const [insteadOf, use] = commonForm(tallyOf).split('\u0000') as [string, string];
      const caseOnly = insteadOf.toLowerCase() === use.toLowerCase();
      const kept = keptCount(insteadOf, tallyOf.feedback, caseOnly);
      if (!consistent(tallyOf.feedback.length, kept) || kitTerms.has(insteadOf.toLowerCase()))
        continue;
      push({ ...blank, kind: 'preferred_term', use, insteadOf }, tallyOf, kept);
    }
    for (const tallyOf of t.deleted.values()) {
      const phrase = commonForm(tallyOf);
      const kept = keptCount(phrase, tallyOf.feedback);
      if (!consistent(tallyOf.feedback.length, kept) || kitBanned.has(phrase.toLowerCase()))
        continue;
      push({ ...blank, kind: 'banned_phrase', phrase }, tallyOf, kept);
    }
    for (const tallyOf of t.added.values()) {
      if (tallyOf.feedback.length < o.minOccurrences) continue;
      const added = commonForm(tallyOf);
      const note = `Reviewers keep adding "${added}"; include it where it fits.`.slice(0, NOTE_MAX);
      push({ ...blank, kind: 'prompt_note', note }, tallyOf, 0);
    }
    for (const [tag, tallyOf] of t.tags) {
      if (tallyOf.feedback.length < o.minOccurrences) continue;
      const note = TAG_NOTES[tag] ?? `Reviewers often tag drafts "${tag}"; avoid what causes it.`;
      push({ ...blank, kind: 'prompt_note', note: note.slice(0, NOTE_MAX) }, tallyOf, 0);
    }
    for (const tallyOf of t.reasons.values()) {
      if (tallyOf.feedback.length < o.minOccurrences) continue;
      const note = `Reviewers asked: ${commonForm(tallyOf)}.`.slice(0, NOTE_MAX);
      push({ ...blank, kind: 'prompt_note', note }, tallyOf, 0);
    }
  }
  return proposals.sort((a, b) => b.occurrences - a.occurrences || a.key.localeCompare(b.key));
}

/** The stored record for a proposal, waiting for a manager or admin to decide. */
export function proposalToSuggestion(
  proposal: CorrectionProposal,
  meta: { id: string; now: string },
): Suggestion {
  return {
    id: meta.id,
    flowId: proposal.flowId,
    nodeId: proposal.nodeId,
    kind: proposal.kind,
    use: proposal.use,
    insteadOf: proposal.insteadOf,
    phrase: proposal.phrase,
    note: proposal.note,
    occurrences: proposal.occurrences,
    status: 'proposed',
    decidedBy: null,
    decidedAt: null,
    createdAt: meta.now,
    updatedAt: meta.now,
    revision: 0,
  };
}
