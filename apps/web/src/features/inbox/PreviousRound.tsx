import { useMemo } from 'react';
import { DiffText } from './ContentPreview.js';
import { diffView } from './diff-view.js';
import type { TaskExtras } from './inbox-api.js';

type Previous = NonNullable<TaskExtras['previousRound']>;

/**
 * On a redraft, what the reviewer asked for and what the AI changed since: without it the
 * reviewer had to remember the note and compare the drafts by eye.
 */
export function PreviousRound({ previous, text }: { previous: Previous; text: string }) {
  const diff = useMemo(() => diffView(previous.text, text), [previous.text, text]);
  return (
    <section className="task-instructions task-previous" aria-labelledby="previous-h">
      <h3 id="previous-h">Sent back for changes</h3>
      <p>
        {previous.actorName ?? 'A reviewer'} asked: <q>{previous.note}</q>
      </p>
      <details>
        <summary>What the AI changed since: {diff.changed ? diff.summary : 'nothing'}</summary>
        {diff.changed && <DiffText ops={diff.ops} />}
      </details>
    </section>
  );
}
