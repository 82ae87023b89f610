import type { Flag, PreferredTerm } from '@tandem/schema';
import { BoundedCache } from '../core/bounded-cache.js';

export interface BrandRules {
  bannedPhrases: string[];
  preferredTerms: PreferredTerm[];
  requiredDisclaimers: string[];
  minWords?: number;
  maxWords?: number;
  maxCharacters?: number;
  claims: string[];
  /** Empty: links are not checked (there is nothing to check them against). */
  linkAllowList: string[];
  contactDetails: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiled term patterns by term: a brand kit repeats the same few terms on every check. */
const termPatterns = new BoundedCache(
  2_000,
  (term: string) =>
    new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(term.trim())}(?![\\p{L}\\p{N}_])`, 'giu'),
);

/**
 * Matches a term as a whole word or phrase, case-insensitively, even around "#" or "%". The
 * pattern is shared and global: use it with matchAll, replace or replaceAll, which do not
 * depend on its lastIndex, never with exec or test.
 */
export function termPattern(term: string): RegExp {
  return termPatterns.get(term);
}

function findAll(text: string, term: string): string[] {
  return Array.from(text.matchAll(termPattern(term)), (m) => m[0]);
}

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]+/gi;
const EMAIL_PATTERN = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
const PHONE_PATTERN = /(?<!\w)\+?\d[\d\s().-]{6,}\d(?!\w)/g;

function hostOf(link: string): string | null {
  try {
    const url = new URL(link.startsWith('www.') ? `https://${link}` : link);
    return url.hostname.toLowerCase();
  } catch {
    return null;
  }
}

function hostAllowed(host: string, allowList: string[]): boolean {
  return allowList.some((entry) => {
    const domain = entry
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/\/.*$/, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * One flag per rule and match: the same banned phrase three times is one thing to fix, and a
 * reviewer saw the same line repeated (and the inbox counted each). The message says how often.
 */
function collapseRepeats(flags: Flag[]): Flag[] {
  const seen = new Map<string, { flag: Flag; times: number }>();
  const kept: { flag: Flag; times: number }[] = [];
  for (const flag of flags) {
    if (flag.match === undefined) {
      kept.push({ flag, times: 1 });
      continue;
    }
    const key = `${flag.rule}\u0000${flag.match.toLowerCase()}`;
    const known = seen.get(key);
    if (known) {
      known.times += 1;
      continue;
    }
    const entry = { flag, times: 1 };
    seen.set(key, entry);
    kept.push(entry);
  }
  return kept.map(({ flag, times }) =>
    times === 1 ? flag : { ...flag, message: `${flag.message} (${times} times)` },
  );
}

/** Runs the deterministic brand and compliance rules over `text`. */
export function checkBrandRules(text: string, rules: BrandRules): Flag[] {
  return collapseRepeats(findFlags(text, rules));
}

function findFlags(text: string, rules: BrandRules): Flag[] {
  const flags: Flag[] = [];
  for (const phrase of rules.bannedPhrases) {
    for (const match of findAll(text, phrase)) {
      flags.push({
        rule: 'banned_phrase',
        severity: 'error',
        match,
        message: `Banned phrase "${match}"`,
      });
    }
  }
  for (const term of rules.preferredTerms) {
    for (const match of findAll(text, term.insteadOf)) {
      flags.push({
        rule: 'preferred_term',
        severity: 'warning',
        match,
        message: `Use "${term.use}" instead of "${match}"`,
      });
    }
  }
  const lower = text.toLowerCase();
  for (const disclaimer of rules.requiredDisclaimers) {
    if (!lower.includes(disclaimer.trim().toLowerCase())) {
      flags.push({
        rule: 'missing_disclaimer',
        severity: 'error',
        message: `The required disclaimer is missing: "${disclaimer}"`,
      });
    }
  }
  const words = countWords(text);
  if (rules.minWords !== undefined && words < rules.minWords) {
    flags.push({
      rule: 'too_short',
      severity: 'warning',
      message: `${words} words; at least ${rules.minWords} expected`,
    });
  }
  if (rules.maxWords !== undefined && words > rules.maxWords) {
    flags.push({
      rule: 'too_long',
      severity: 'warning',
      message: `${words} words; at most ${rules.maxWords} allowed`,
    });
  }
  if (rules.maxCharacters !== undefined && text.length > rules.maxCharacters) {
    flags.push({
      rule: 'too_long',
      severity: 'warning',
      message: `${text.length} characters; at most ${rules.maxCharacters} allowed`,
    });
  }
  for (const claim of rules.claims) {
    for (const match of findAll(text, claim)) {
      flags.push({
        rule: 'unsupported_claim',
        severity: 'warning',
        match,
        message: `"${match}" is a claim that needs evidence or softer wording`,
      });
    }
  }
  if (rules.linkAllowList.length > 0) {
    for (const [link] of text.matchAll(URL_PATTERN)) {
      const host = hostOf(link);
      if (!host || !hostAllowed(host, rules.linkAllowList)) {
        flags.push({
          rule: 'link_not_allowed',
          severity: 'error',
          match: link,
          message: `Link to ${host ?? link} is not on the allow-list`,
        });
      }
    }
  }
  if (rules.contactDetails) {
    for (const [email] of text.matchAll(EMAIL_PATTERN)) {
      flags.push({
        rule: 'contact_details',
        severity: 'warning',
        match: email,
        message: `Contains an email address (${email})`,
      });
    }
    for (const [phone] of text.matchAll(PHONE_PATTERN)) {
      if (phone.replace(/\D/g, '').length >= 8) {
        flags.push({
          rule: 'contact_details',
          severity: 'warning',
          match: phone.trim(),
          message: `Contains a phone number (${phone.trim()})`,
        });
      }
    }
  }
  return flags;
}

/** 100 for clean content, minus 25 per error, 10 per warning and 2 per note, never below 0. */
export function flagScore(flags: readonly Flag[]): number {
  const penalty = flags.reduce(
    (sum, f) => sum + (f.severity === 'error' ? 25 : f.severity === 'warning' ? 10 : 2),
    0,
  );
  return Math.max(0, 100 - penalty);
}
