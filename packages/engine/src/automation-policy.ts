import type { AutomationLevel } from '@tandem/schema';

export type CheckpointPath =
  | { kind: 'task'; sampled: boolean; reason: string }
  | { kind: 'pass'; reason: string; spotCheck: boolean };

export interface CheckpointSituation {
  level: AutomationLevel;
  sampleRate: number;
  locked: boolean;
  /** Upstream checks raised a warning or an error. */
  flagged: boolean;
  random: () => number;
}

/**
 * What a checkpoint does with one item at its automation level. Flagged items always wait
 * unless the level is `auto`; a locked checkpoint is always `review_all`. The random draw
 * happens only where sampling applies, so a seeded generator gives reproducible runs.
 */
export function chooseCheckpointPath(situation: CheckpointSituation): CheckpointPath {
  const level = situation.locked ? 'review_all' : situation.level;
  switch (level) {
    case 'review_all':
      return {
        kind: 'task',
        sampled: false,
        reason: situation.locked ? 'Locked at review all' : 'Every item is reviewed',
      };
    case 'review_flagged': {
      if (situation.flagged)
        return { kind: 'task', sampled: false, reason: 'Checks flagged the item' };
      if (situation.random() < situation.sampleRate) {
        return {
          kind: 'task',
          sampled: true,
          reason: `Sampled (${pct(situation.sampleRate)} of clean items)`,
        };
      }
      return { kind: 'pass', spotCheck: false, reason: 'Clean item passed at review flagged' };
    }
    case 'spot_check': {
      if (situation.flagged)
        return { kind: 'task', sampled: false, reason: 'Checks flagged the item' };
      const spotCheck = situation.random() < situation.sampleRate;
      return {
        kind: 'pass',
        spotCheck,
        reason: spotCheck
          ? `Clean item passed at spot check; sampled for review afterwards (${pct(situation.sampleRate)})`
          : 'Clean item passed at spot check',
      };
    }
    case 'auto':
      return {
        kind: 'pass',
        spotCheck: false,
        reason: situation.flagged ? 'Passed at auto despite flags' : 'Passed at auto',
      };
  }
}

function pct(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

/** Levels from most to least human involvement. */
export const LEVEL_ORDER: readonly AutomationLevel[] = [
  'review_all',
  'review_flagged',
  'spot_check',
  'auto',
];

export function nextLevel(
  level: AutomationLevel,
  direction: 'raise' | 'lower',
): AutomationLevel | null {
  const i = LEVEL_ORDER.indexOf(level) + (direction === 'raise' ? 1 : -1);
  return LEVEL_ORDER[i] ?? null;
}
