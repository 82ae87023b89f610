import { deepFreeze } from '../shared/deep-freeze.js';

/**
 * Stored text of the parsed entities one cache keeps (oldest dropped first), in UTF-16 units.
 * The engine only re-reads what its runs in flight touch; a bigger cache (8 M) held hundreds
 * of MiB of old entities, and the GC's work on them cost more than the parsing it saved.
 */
const KEPT_CHARS = 1_000_000;
/** Bigger documents (long AI output) are parsed on every read rather than kept. */
const MAX_DOC_CHARS = 64_000;

/**
 * Parsed, checked and frozen entities by key, each with the exact stored text it came from.
 * A read whose row holds that same text gets the kept value without JSON parsing and schema
 * checks; any other text (another process's write, a damaged row) is parsed afresh.
 */
export class ParsedDocs<T> {
  private readonly entries = new Map<string, { doc: string; value: T }>();
  private chars = 0;

  /** The kept value for `key` if it came from exactly `doc`, else `parse()`'s, kept. */
  read(key: string, doc: string, parse: () => T): T {
    const known = this.entries.get(key);
    if (known !== undefined && known.doc === doc) return known.value;
    return this.remember(key, doc, parse());
  }

  /** The value last kept for `key`, whatever its text. */
  peek(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  /** Keeps a parsed entity; frozen, because every later reader shares it. */
  remember(key: string, doc: string, value: T): T {
    this.forget(key);
    deepFreeze(value);
    if (doc.length > MAX_DOC_CHARS) return value;
    this.entries.set(key, { doc, value });
    this.chars += doc.length;
    // Only when over the bound: iterating from the front of a Map with many deleted entries
    // walks past all of them.
    if (this.chars > KEPT_CHARS) {
      for (const [oldKey, entry] of this.entries) {
        if (this.chars <= KEPT_CHARS) break;
        this.entries.delete(oldKey);
        this.chars -= entry.doc.length;
      }
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  forget(key: string): void {
    const previous = this.entries.get(key);
    if (previous === undefined) return;
    this.entries.delete(key);
    this.chars -= previous.doc.length;
  }
}
