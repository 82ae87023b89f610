import { isApiError } from '../../api/client.js';

/**
 * The outcome of a bulk approval, one task at a time, and the one toast that sums it up. Tasks
 * someone else took meanwhile, or edited (their text is read before it is approved), are
 * skipped, not errors; anything else failed, with the first reason said.
 */
export class BulkTally {
  approved = 0;
  taken = 0;
  edited = 0;
  failed = 0;
  private why = '';

  sent(): void {
    this.approved += 1;
  }

  refused(error: unknown): void {
    if (isApiError(error, 'TASK_ALREADY_DECIDED') || isApiError(error, 'TASK_CLAIMED')) {
      this.taken += 1;
    } else if (
      isApiError(error, 'VALIDATION_FAILED') &&
      error.issues.some((issue) => issue.path[0] === 'revision')
    ) {
      this.edited += 1;
    } else {
      this.failed += 1;
      this.why ||= (error as Error).message;
    }
  }

  /** Anything not approved: the list is read again. */
  get anyLeft(): boolean {
    return this.taken + this.edited + this.failed > 0;
  }

  get summary(): { message: string; tone: 'success' | 'error' } {
    const parts = [`Approved ${this.approved}`];
    if (this.taken) parts.push(`${this.taken} skipped (taken by someone else)`);
    if (this.edited) {
      parts.push(`${this.edited} skipped (edited by another reviewer: open to read the edit)`);
    }
    // "2 failed" alone left the reviewer guessing which rule or outage stopped them.
    if (this.failed) parts.push(`${this.failed} failed: ${this.why}`);
    return { message: parts.join(', '), tone: this.failed ? 'error' : 'success' };
  }
}
