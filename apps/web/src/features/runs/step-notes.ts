import type { Flag, Graph, RunStatus } from '@tandem/schema';
import type { BadgeTone } from '../../ui/index.js';
import { stepStatusLabel, type StepView } from './run-view.js';
import { NOT_SENT_TEST_LABEL, wouldSendOf } from './would-send.js';

/*
 * What the run timeline says beside a step's status, where "Done" or "Skipped" alone hid the
 * point: a brand check that flagged an error read "Done" like a clean one, and "Send to CMS —
 * Skipped" did not say that the review had rejected the post.
 */

type Tone = 'danger' | 'warning' | 'info' | 'success';
type Severity = Flag['severity'];

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];
const SEVERITY_TONE: Record<Severity, Tone> = { error: 'danger', warning: 'warning', info: 'info' };
const SEVERITY_WORDS: Record<Severity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['note', 'notes'],
};

function flagsOf(output: unknown): Pick<Flag, 'severity'>[] | null {
  const flags = (output as { flags?: unknown } | null)?.flags;
  if (!Array.isArray(flags)) return null;
  return flags.filter(
    (f): f is Pick<Flag, 'severity'> =>
      typeof f === 'object' &&
      f !== null &&
      SEVERITY_ORDER.includes((f as { severity?: unknown }).severity as Severity),
  );
}

/**
 * A check step's flags, counted by severity and toned by the worst ("1 flag (error)", "3 flags
 * (1 error, 2 warnings)"), or "No flags"; null for a step that is not a finished check.
 */
export function flagSummary(
  step: Pick<StepView, 'status' | 'output'>,
): { text: string; tone: Tone } | null {
  if (step.status !== 'done') return null;
  const flags = flagsOf(step.output);
  if (!flags) return null;
  if (flags.length === 0) return { text: 'No flags', tone: 'success' };
  const counts = SEVERITY_ORDER.map(
    (severity) => [severity, flags.filter((f) => f.severity === severity).length] as const,
  ).filter(([, n]) => n > 0);
  const worst = counts[0]![0];
  const noun = flags.length === 1 ? 'flag' : 'flags';
  const parts =
    counts.length === 1
      ? worst
      : counts.map(([s, n]) => `${n} ${SEVERITY_WORDS[s][n === 1 ? 0 : 1]}`).join(', ');
  return { text: `${flags.length} ${noun} (${parts})`, tone: SEVERITY_TONE[worst] };
}

type StepLike = Pick<StepView, 'nodeId' | 'type' | 'status' | 'iteration' | 'handle'>;

/**
 * Why a skipped step did not run, in words: the branch a step before it took ("the reviewer
 * rejected it at Review the post"), a step before it that was skipped too, or the run ending
 * first. Null for a step that was not skipped, or when the reason cannot be read.
 */
export function skipReason(
  step: StepLike,
  steps: readonly StepLike[],
  graph: Pick<Graph, 'edges'> | null,
  runStatus: RunStatus,
  nameOf: (nodeId: string) => string,
): string | null {
  if (step.status !== 'skipped') return null;
  const latest = new Map<string, StepLike>();
  for (const s of steps) {
    const seen = latest.get(s.nodeId);
    if (!seen || (s.iteration ?? 0) >= (seen.iteration ?? 0)) latest.set(s.nodeId, s);
  }
  const incoming = graph?.edges.filter((e) => e.target === step.nodeId) ?? [];
  let skippedBefore: string | null = null;
  for (const edge of incoming) {
    const source = latest.get(edge.source);
    if (!source) continue;
    if (source.status === 'skipped') skippedBefore ??= edge.source;
    if (source.status !== 'done' || !source.handle || !edge.sourceHandle) continue;
    if (source.handle === edge.sourceHandle) continue;
    const name = nameOf(edge.source);
    if (source.type === 'human.review')
      return source.handle === 'rejected'
        ? `Not run: the reviewer rejected it at ${name}.`
        : `Not run: ${name} ended “${source.handle}”.`;
    return `Not run: ${name} took the “${source.handle}” branch.`;
  }
  if (runStatus === 'canceled') return 'Not run: the run was canceled.';
  if (runStatus === 'failed') return 'Not run: the run failed first.';
  if (skippedBefore) return `Not run: ${nameOf(skippedBefore)} was skipped.`;
  return null;
}

const STEP_TONE: Record<StepView['status'], BadgeTone> = {
  pending: 'neutral',
  running: 'info',
  waiting: 'warning',
  done: 'success',
  failed: 'danger',
  skipped: 'neutral',
};

/**
 * A step's status badge on the timeline. To the engine a checkpoint whose reviewer rejected the
 * content is "done" like an approved one, and a green "Done" read as "approved": it reads
 * "Rejected", in the danger tone, and an approval "Approved" or "Passed by automation (spot
 * check)", naming who decided where the server names them.
 */
export function stepStatusBadge(
  step: Pick<StepView, 'type' | 'status' | 'output'> & { decidedByName?: string | null },
): { text: string; tone: BadgeTone } {
  // A test run's publish step rendered what it would send and sent nothing: not "Done".
  if (step.status === 'done' && wouldSendOf(step.output))
    return { text: NOT_SENT_TEST_LABEL, tone: 'neutral' };
  const decided = step.type === 'human.review' && step.status === 'done';
  const out = (decided ? step.output : null) as {
    approved?: unknown;
    passedBy?: unknown;
    decidedBy?: unknown;
  } | null;
  if (out?.approved === false) {
    return {
      text: step.decidedByName ? `Rejected by ${step.decidedByName}` : 'Rejected',
      tone: 'danger',
    };
  }
  if (out?.approved === true) {
    // "Done" beside "Rejected by Rae Reviewer" hid who let the content through, or that no one did.
    const level = typeof out.passedBy === 'string' && out.passedBy ? out.passedBy : null;
    if (level || out.decidedBy === 'system') {
      return {
        text: level ? `Passed by automation (${level.replace(/_/g, ' ')})` : 'Passed by automation',
        tone: 'success',
      };
    }
    return {
      text: step.decidedByName ? `Approved by ${step.decidedByName}` : 'Approved',
      tone: 'success',
    };
  }
  return { text: stepStatusLabel(step.type, step.status), tone: STEP_TONE[step.status] };
}
