import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { DecisionBar } from './DecisionBar.js';

function bar(editing: boolean, question: string | null = null): string {
  const none = () => {};
  return renderToStaticMarkup(
    <DecisionBar
      changed={editing}
      editing={editing}
      canDecide
      canApprove
      canEdit
      canRequestChanges
      offline={false}
      limits={{ approve: null, requestChanges: null }}
      onApprove={none}
      onToggleEdit={none}
      onRequestChanges={none}
      onReject={none}
      question={question}
      onConfirmApprove={none}
      onCancelApprove={none}
    />,
  );
}

/** The words a screen reader hears: the short ones a narrow pane shows are hidden from it. */
const heard = (html: string) =>
  html
    .replace(/<span class="words-short" aria-hidden="true">[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, '');

const keysOf = (html: string, label: string): string[] => {
  const button =
    html
      .split('</button>')
      .map((b) => b.slice(b.lastIndexOf('<button')))
      .find((b) => heard(b).replace(/^\s+/, '').startsWith(`${label} `)) ?? '';
  return [...button.matchAll(/<kbd[^>]*>(.*?)<\/kbd>/g)].map((m) => heard(m[1]!));
};

describe('DecisionBar keys', () => {
  it('shows the letter keys while reading', () => {
    const html = bar(false);
    expect(keysOf(html, 'Approve')).toEqual(['a']);
    expect(keysOf(html, 'Edit')).toEqual(['e']);
  });

  it('shows the keys that work in the editor while editing: a letter there types itself', () => {
    const html = bar(true);
    expect(keysOf(html, 'Approve with edits')).toEqual([expect.stringMatching(/Ctrl|⌘/), 'Enter']);
    expect(keysOf(html, 'Done editing')).toEqual(['Esc']);
  });

  it('keeps the "+" between the editor keys inside the hint a phone hides', () => {
    const html = bar(true);
    expect(html).toMatch(/<span class="key-hint" aria-hidden="true"><kbd>[^<]+<\/kbd>\+<kbd>/);
  });

  it('asks the question in place of the decisions while approving waits for a second yes', () => {
    const html = bar(false, 'Approve despite 2 errors?');
    expect(heard(html)).toContain('Approve despite 2 errors?');
    expect(keysOf(html, 'Approve anyway')).toEqual(['a']);
    expect(keysOf(html, 'Cancel')).toEqual(['Esc']);
    expect(heard(html)).not.toContain('Reject');
  });

  it('keeps the full words as the buttons’ names where a narrow pane shows short ones', () => {
    const html = bar(true);
    expect(html).toContain('<span class="words-short" aria-hidden="true">Changes</span>');
    expect(heard(html)).toContain('Request changes');
  });
});
