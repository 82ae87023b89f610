import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import type { Flag } from '@tandem/schema';
import { openTaskFixture } from '../../testing/task-fixture.js';
import { TaskHeader } from './TaskHeader.js';

const banned: Flag = {
  rule: 'banned_phrase',
  severity: 'error',
  match: 'get back to you',
  message: 'Banned phrase "get back to you"',
  nodeId: 'brand',
};
const text = 'Questions? Reply here and we will get back to you.';

function header(edited: string): string {
  const task = {
    ...openTaskFixture({ flags: [banned], content: { text } }),
    extras: {
      context: [{ nodeId: 'brand', type: 'check.brand', label: 'Brand check', output: {} }],
    },
  };
  return renderToStaticMarkup(
    <MemoryRouter>
      <TaskHeader
        task={task}
        flowName="Spring launch post"
        now={Date.parse('2026-01-01T10:00:00.000Z')}
        claim="mine"
        userId="usr_rae"
        error={null}
        onRetry={() => {}}
        onReclaim={() => {}}
        notice={null}
        edited={edited}
        headingRef={createRef()}
      />
    </MemoryRouter>,
  );
}

describe('TaskHeader flags', () => {
  it('says which check raised a flag, where it is and what to do about it', () => {
    const html = header(text);
    expect(html).toContain('Raised by Brand check.');
    expect(html).toContain('Approving publishes the text as it is');
    expect(html).toContain('marked in the text below');
    expect(html).toContain('Reword or remove it: press e to edit.');
    // The phrase is in the message already: not repeated after it.
    expect(html.match(/get back to you/g)).toHaveLength(1);
  });

  it('drops the advice for a flag the reviewer edited out', () => {
    const html = header('Questions? Reply here.');
    expect(html).toContain('(edited out)');
    expect(html).not.toContain('Reword or remove it');
  });
});
