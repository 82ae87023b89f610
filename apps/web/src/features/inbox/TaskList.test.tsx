import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { openTaskFixture } from '../../testing/task-fixture.js';
import { toInboxTask } from './inbox-api.js';
import { TaskListItem } from './TaskList.js';

function item(over: Parameters<typeof openTaskFixture>[0]): string {
  return renderToStaticMarkup(
    <MemoryRouter>
      <TaskListItem
        task={toInboxTask(openTaskFixture(over))}
        selected={false}
        fresh={false}
        now={Date.parse('2026-01-01T10:00:00.000Z')}
        userId="usr_rae"
        flowName="Blog post"
      />
    </MemoryRouter>,
  );
}

describe('TaskListItem', () => {
  it('shows the first line of the content, so tasks with one title can be told apart', () => {
    const html = item({ title: 'Review the draft', content: { text: 'Spring launch #2\n\nBody' } });
    expect(html).toContain('Spring launch #2');
    expect(html).not.toContain('Body');
  });

  it('marks a redraft made after a change request', () => {
    expect(item({ round: 1 })).toContain('Revised');
    expect(item({ round: 0 })).not.toContain('Revised');
  });

  it('gives the link a name whose parts a screen reader can tell apart', () => {
    const html = item({
      title: 'Review the draft',
      content: { text: 'Spring launch' },
      round: 1,
      dueAt: '2026-01-01T10:30:00.000Z',
    });
    const name = html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(name).toBe('Review the draft, Spring launch, Blog post, Revised, Due in 30m 00s');
  });

  it('tones the flag badge by the worst flag: an error is red, not amber like a warning', () => {
    const flag = (severity: 'error' | 'warning' | 'info') => ({
      rule: 'banned_phrase',
      message: 'Banned phrase',
      severity,
    });
    const error = item({ flags: [flag('warning'), flag('error')] });
    expect(error).toMatch(/class="badge badge-danger">2 flags<\/span>/);
    expect(error).toContain('(worst: error)');
    expect(item({ flags: [flag('warning')] })).toMatch(/class="badge badge-warning">1 flag/);
    expect(item({ flags: [flag('info')] })).toMatch(/class="badge badge-info">1 flag/);
  });

  it('says to whom a task was escalated and since when', () => {
    const html = item({
      escalatedAt: '2026-01-01T09:55:00.000Z',
      assignees: { roles: ['reviewer', 'manager'], userIds: [] },
    });
    expect(html).toContain('Escalated to managers 5 minutes ago');
  });
});
