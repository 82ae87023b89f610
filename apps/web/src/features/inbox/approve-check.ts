import type { Flag } from '@tandem/schema';
import { resolvedFlags } from './flag-ranges.js';

/**
 * The error-level flags the text as the reviewer leaves it still carries: an edit that removed a
 * flagged phrase fixed that flag. Warnings are advice and do not count.
 */
export function openErrors(text: string, flags: readonly Flag[]): number {
  const fixed = resolvedFlags(text, flags);
  return flags.filter((f) => f.severity === 'error' && !fixed.includes(f)).length;
}

/**
 * What approving asks first when errors remain, or null when one key may approve: a single `a`
 * sent content the checks had marked as wrong, with only the undo toast between it and publishing.
 */
export function approveQuestion(errors: number): string | null {
  if (errors === 0) return null;
  return `Approve despite ${errors} error${errors === 1 ? '' : 's'}?`;
}
