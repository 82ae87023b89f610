import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { RunReview } from './RunReview.js';
import type { ReviewEntry } from './run-review.js';

describe('RunReview', () => {
  it('names each checkpoint as the designer labelled it, not by its node id', () => {
    const entry: ReviewEntry = {
      key: 'review:0',
      nodeId: 'review',
      taskId: null,
      round: 0,
      spotCheck: false,
      status: 'decided',
      passedBy: null,
      decisions: [],
      at: '2026-01-01T10:00:00.000Z',
    };
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <RunReview entries={[entry]} stepName={() => 'Editor review'} />
      </MemoryRouter>,
    );
    expect(html).toContain('Editor review');
    expect(html).not.toMatch(/>review</);
  });

  it('links an open task to the inbox, which everyone has (a designer may be named on it)', () => {
    const open: ReviewEntry = {
      key: 'review:0',
      nodeId: 'review',
      taskId: 'task_1',
      round: 0,
      spotCheck: false,
      status: 'open',
      passedBy: null,
      decisions: [],
      at: '2026-01-01T10:00:00.000Z',
    };
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <RunReview entries={[open]} stepName={() => 'Editor review'} />
      </MemoryRouter>,
    );
    expect(html).toContain('href="/inbox/task_1"');
    expect(html).toContain('Open the task');
  });

  it('does not promise a review "yet" once the run is over', () => {
    const render = (ended: boolean) =>
      renderToStaticMarkup(<RunReview entries={[]} stepName={() => ''} ended={ended} />);
    expect(render(false)).toContain('yet');
    expect(render(true)).not.toContain('yet');
    expect(render(true)).toContain('reached no checkpoint');
  });
});
