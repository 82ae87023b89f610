import { describeSchedule } from '@tandem/nodes';

/** A flow's start step as the draft or a published version holds it. */
interface TriggerLike {
  type: string;
  config: Record<string, unknown>;
}

/**
 * What publishing switches on outside the editor, beyond the run the designer starts: a
 * schedule that starts real runs on its own, or a webhook that starts one on every signed call.
 * The Test run dialog says so before it publishes: "nothing is sent" was true of the test run
 * and broken by every scheduled run after it.
 */
export type PublishTurnsOn =
  | {
      kind: 'schedule';
      /** The schedule in words: "Every Monday at 09:00, Europe/Berlin". */
      when: string;
      /** The published version's schedule already runs; publishing keeps it on. */
      alreadyOn: boolean;
    }
  | { kind: 'webhook'; alreadyOn: boolean };

const activeSchedule = (t: TriggerLike | undefined) =>
  t?.type === 'trigger.schedule' && t.config.paused !== true;

/**
 * What publishing `draft` (its start step, config with defaults filled in) turns on, given the
 * start step of the version published now (if any); null when it turns nothing on: a manual
 * start, or a schedule the draft already pauses.
 */
export function publishTurnsOn(
  draft: TriggerLike | undefined,
  published: TriggerLike | undefined,
): PublishTurnsOn | null {
  if (activeSchedule(draft)) {
    return {
      kind: 'schedule',
      when: describeSchedule(draft!.config),
      alreadyOn: activeSchedule(published),
    };
  }
  if (draft?.type === 'trigger.webhook') {
    return { kind: 'webhook', alreadyOn: published?.type === 'trigger.webhook' };
  }
  return null;
}

/** "Every Monday at 09:00, Europe/Berlin" as it reads inside a sentence. */
const midSentence = (words: string) => words.charAt(0).toLowerCase() + words.slice(1);

/** The dialog's warning, in words: what starts for real once the draft is published. */
export function publishTurnsOnWarning(on: PublishTurnsOn): string {
  if (on.kind === 'schedule') {
    const state = on.alreadyOn
      ? 'The published schedule is on, and publishing keeps it on.'
      : 'Publishing turns this schedule on.';
    return `${state} From then on it runs ${midSentence(on.when)}, for real: each scheduled run sends what the flow sends and gives reviewers their tasks. Only the run you start here is a test.`;
  }
  return on.alreadyOn
    ? 'This flow’s webhook takes calls: once you publish, each signed call starts a real run of this version, not a test.'
    : 'Publishing opens this flow’s webhook: from then on each signed call to its address starts a real run, not a test.';
}
