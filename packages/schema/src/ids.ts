const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford's base 32, lower case
const TIME_CHARS = 10; // 50 bits of milliseconds: good until the year 37,648
const RANDOM_CHARS = 16; // 80 random bits

// Random bytes are drawn 4 KiB at a time: one call per id cost a system call each (9 % of the
// engine benchmark's CPU). Node's own randomUUID() pools the same way.
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

/**
 * A new id `prefix_<time><random>` whose text sorts by creation time (to the millisecond).
 *
 * Why time-ordered: every B-tree index on an id (primary keys, `run_id` columns, unique keys
 * built from ids) then takes new entries at its right end, so the many writes one commit
 * carries share a few pages. Random ids put each new entry on its own page; under load that
 * made a commit write several times the pages it needed to (bench/RESULTS.md). 80 random bits
 * keep ids unguessable; ids made in the same millisecond are unordered among themselves.
 */
export function newSortableId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let rest = Math.max(0, Math.floor(now));
  for (let i = 0; i < TIME_CHARS; i += 1) {
    time = ALPHABET[rest % 32]! + time;
    rest = Math.floor(rest / 32);
  }
  if (poolOffset + RANDOM_CHARS > pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  let random = '';
  for (let i = 0; i < RANDOM_CHARS; i += 1) random += ALPHABET[pool[poolOffset + i]! & 31]!;
  poolOffset += RANDOM_CHARS;
  return `${prefix}_${time}${random}`;
}
