import { isApiError } from '../../api/client.js';

/** A decision form's field errors, by the field the reviewer sees. */
export type DecisionErrors = Partial<Record<'note' | 'tags' | 'content', string>>;

/** What the task view does when the server refused a decision. */
export type DecisionFailure =
  | { kind: 'lost'; lost: 'claimed' | 'decided'; notice: string }
  | { kind: 'fields'; errors: DecisionErrors; message: string }
  | { kind: 'message'; message: string };

/** Reads a refused decision: someone else's, a field the server found wrong, or a message. */
export function decisionFailure(error: unknown): DecisionFailure {
  if (isApiError(error, 'TASK_ALREADY_DECIDED') && error.details.status === 'open') {
    // A quorum task this reviewer approved before: it is not closed, only not theirs.
    return {
      kind: 'lost',
      lost: 'claimed',
      notice: `${error.message}. Your decision was not saved.`,
    };
  }
  if (isApiError(error, 'TASK_ALREADY_DECIDED'))
    return {
      kind: 'lost',
      lost: 'decided',
      notice: 'Someone else already decided this task. Your decision was not saved.',
    };
  if (isApiError(error, 'TASK_CLAIMED'))
    return {
      kind: 'lost',
      lost: 'claimed',
      notice: 'Another reviewer has claimed this task. Your decision was not saved.',
    };
  if (isApiError(error, 'VALIDATION_FAILED') && error.issues.length > 0) {
    const errors: DecisionErrors = {};
    for (const issue of error.issues) {
      const field = issue.path[0] === 'reason' ? 'note' : issue.path[0];
      if (field === 'note' || field === 'tags' || field === 'content')
        errors[field] = issue.message;
    }
    return { kind: 'fields', errors, message: error.message };
  }
  return { kind: 'message', message: (error as Error).message };
}
