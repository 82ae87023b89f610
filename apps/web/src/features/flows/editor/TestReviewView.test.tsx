import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { TaskDetail } from '../../inbox/inbox-api.js';
import { TestReviewView, type TestReviewViewProps } from './TestReviewView.js';

const task = {
  id: 'tsk_1',
  status: 'open',
  instructions: 'Check the claims',
  content: { text: 'Our shoes are the best <b>ever</b>' },
  editable: true,
  flags: [
    { rule: 'superlatives', message: 'Unprovable claim', severity: 'warning', match: 'best' },
  ],
  revision: 1,
} as unknown as TaskDetail;

const none = () => undefined;
function render(over: Partial<TestReviewViewProps> = {}): string {
  return renderToStaticMarkup(
    <TestReviewView
      task={task}
      claim="mine"
      edited={task.content.text!}
      changed={false}
      editing={false}
      canDecide
      canEdit
      busy={false}
      done={null}
      editorRef={null}
      onEdit={none}
      onApprove={none}
      onStartEditing={none}
      onUndoEdits={none}
      onRequestChanges={none}
      onReject={none}
      {...over}
    />,
  );
}

/** The names of the decision buttons, and whether each is disabled. */
const buttons = (html: string) =>
  [...html.matchAll(/<button([^>]*)>(.*?)<\/button>/g)].map(
    (m) => `${m[2]!.replace(/<[^>]+>/g, '')}${m[1]!.includes('disabled=""') ? ' (disabled)' : ''}`,
  );

describe('TestReviewView', () => {
  it('shows the content as text with the checks’ matches marked, and the flags', () => {
    const html = render();
    expect(html).toContain('Your review');
    expect(html).toContain('Check the claims');
    expect(html).toContain('<mark class="flag-mark flag-warning"');
    expect(html).toContain('&lt;b&gt;ever&lt;/b&gt;');
    expect(html).toContain('Unprovable claim');
    expect(html).toContain('not recorded as feedback');
  });

  it('offers the four decisions', () => {
    expect(buttons(render())).toEqual(['Approve', 'Edit', 'Request changes', 'Reject']);
  });

  it('approves with edits from the editor, where the edits can be undone', () => {
    const html = render({ editing: true, changed: true, edited: 'Our shoes are good' });
    expect(html).toContain('<textarea id="test-review-editor"');
    expect(buttons(html)).toEqual([
      'Approve with edits',
      'Undo edits',
      'Request changes',
      'Reject',
    ]);
    expect(html).toMatch(/Enter<\/kbd> approves with your edits/);
  });

  it('closes the decisions while the review is open elsewhere', () => {
    const html = render({ claim: 'other', canDecide: false, canEdit: false });
    expect(html).toContain('open elsewhere');
    expect(buttons(html)).toEqual([
      'Approve (disabled)',
      'Edit (disabled)',
      'Request changes (disabled)',
      'Reject (disabled)',
    ]);
  });

  it('says what came of the decision instead of offering it again', () => {
    const html = render({ done: 'Approved: the test run goes on.', canDecide: false });
    expect(html).toContain('Approved: the test run goes on.');
    expect(buttons(html)).toEqual([]);
  });
});
