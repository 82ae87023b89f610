import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { DecisionBar } from './DecisionBar.js';

function bar(editing: boolean): string {
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
      onUndoEdits={none}
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
    html.split('</button>').find((b) => heard(b).replace(/^\s+/, '').startsWith(`${label} `)) ?? '';
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
    expect(keysOf(html, 'Preview')).toEqual(['Esc']);
  });

  it('keeps the full words as the buttons’ names where a narrow pane shows short ones', () => {
    const html = bar(true);
    expect(html).toContain('<span class="words-short" aria-hidden="true">Changes</span>');
    expect(heard(html)).toContain('Request changes');
    expect(heard(html)).toContain('Undo edits');
  });
});
