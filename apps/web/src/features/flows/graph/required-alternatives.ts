import { isFilled } from './filled.js';
import type { FormField } from './schema-form.js';

/*
 * Settings that may stay empty only while a sibling holds a value (`requiredUnlessFilled` in the
 * node catalog): a webhook takes a URL or a saved connection, and with neither it cannot run.
 */

export function alternativeHint(field: FormField): { keys: string[]; message: string } | null {
  const hint = field.schema.requiredUnlessFilled as
    { keys?: unknown; message?: unknown } | undefined;
  if (!hint || !Array.isArray(hint.keys) || typeof hint.message !== 'string') return null;
  return {
    keys: hint.keys.filter((k): k is string => typeof k === 'string'),
    message: hint.message,
  };
}

/**
 * Why a field and every sibling that may stand in for it (a webhook's URL or its saved
 * connection) are all empty, so the step has nothing to work with; null when one is filled.
 */
export function missingAlternative(
  field: FormField,
  config: Record<string, unknown>,
): string | null {
  const hint = alternativeHint(field);
  if (!hint || isFilled(config[field.key]) || hint.keys.some((k) => isFilled(config[k]))) {
    return null;
  }
  return hint.message;
}
