import type { Problem } from './local-validation.js';

export type { Problem };

/** Errors and warnings per step, for the badges on the canvas's cards. */
export type ProblemCounts = Record<string, { errors: number; warnings: number }>;

export function countProblems(problems: readonly Problem[]): ProblemCounts {
  const counts: ProblemCounts = {};
  for (const p of problems) {
    if (!p.nodeId) continue;
    const c = (counts[p.nodeId] ??= { errors: 0, warnings: 0 });
    if (p.severity === 'error') c.errors += 1;
    else c.warnings += 1;
  }
  return counts;
}
