import type { Run, Step, StepError } from '@tandem/schema';
import { maskAddressesInText, maskAddressFields } from '@tandem/nodes';

/*
 * Runs and steps as they leave the server (REST and socket). A publish step's output names
 * where it sent (`target`), and errors may quote an address: the path or query of a hook URL
 * can be its token (Slack's are), and run pages are read by managers and reviewers who never
 * see the flow's settings. Addresses leave cut after their first path segment.
 */

export function errorForReaders<E extends StepError | null | undefined>(error: E): E {
  return error ? { ...error, message: maskAddressesInText(error.message) } : error;
}

/** A step's output for run viewers: a publish step's addresses masked, other content as is. */
export function outputForReaders(step: Pick<Step, 'type' | 'output'>): Step['output'] {
  return step.type.startsWith('publish.') ? maskAddressFields(step.output) : step.output;
}

export function runForReaders(run: Run): Run {
  return run.error ? { ...run, error: errorForReaders(run.error) } : run;
}

export function stepForReaders(step: Step): Step {
  return { ...step, output: outputForReaders(step), error: errorForReaders(step.error) };
}
