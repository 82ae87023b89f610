import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { ReactFlowProvider } from '@xyflow/react';
import { LIMITS } from '@tandem/schema';
import { EditorToolbar } from './EditorToolbar.js';
import type { SaveState } from './use-autosave.js';

const noop = () => undefined;

function render(saveState: SaveState): string {
  return renderToStaticMarkup(
    <MemoryRouter>
      <ReactFlowProvider>
        <EditorToolbar
          name="Spring launch"
          onRename={noop}
          status={{ published: null, changedSincePublish: false }}
          saveState={saveState}
          onRetrySave={noop}
          errorCount={0}
          onShowProblems={noop}
          onImport={noop}
          onExport={noop}
          onVersions={noop}
          onTestRun={noop}
          onPublish={noop}
          publishing={false}
        />
      </ReactFlowProvider>
    </MemoryRouter>,
  );
}

describe('EditorToolbar', () => {
  it('stops the flow name at the length the server accepts, so autosave cannot fail on it', () => {
    expect(render('saved')).toMatch(
      new RegExp(`<input[^>]*aria-label="Flow name"[^>]*maxLength="${LIMITS.name}"`),
    );
  });

  it('shows the whole flow name on hover, since the toolbar often cuts it short', () => {
    expect(render('saved')).toMatch(/<input[^>]*aria-label="Flow name"[^>]*title="Spring launch"/);
  });

  it('offers to try a failed save again (autosave waits for the next edit otherwise)', () => {
    expect(render('error')).toContain('Save failed');
    expect(render('error')).toMatch(/<button[^>]*>Try again<\/button>/);
    expect(render('saved')).not.toContain('Try again');
  });
});
