import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { ReactFlowProvider } from '@xyflow/react';
import { LIMITS } from '@tandem/schema';
import { EditorToolbar } from './EditorToolbar.js';
import type { SaveState } from './use-autosave.js';

const noop = () => undefined;

function render(
  saveState: SaveState,
  publish: {
    status: { published: number | null; changedSincePublish: boolean };
    nothingToPublish: boolean;
  } = { status: { published: null, changedSincePublish: false }, nothingToPublish: false },
  problems: { errors: number; warnings: number } = { errors: 0, warnings: 0 },
  refused: { nameProblem?: string; saveFailure?: string } = {},
): string {
  return renderToStaticMarkup(
    <MemoryRouter>
      <ReactFlowProvider>
        <EditorToolbar
          name="Spring launch"
          nameProblem={refused.nameProblem ?? null}
          onRename={noop}
          status={publish.status}
          saveState={saveState}
          saveFailure={refused.saveFailure ?? null}
          onRetrySave={noop}
          errorCount={problems.errors}
          warningCount={problems.warnings}
          onShowProblems={noop}
          problemsOpen={false}
          onImport={noop}
          onExport={noop}
          onVersions={noop}
          onTestRun={noop}
          onPublish={noop}
          publishing={false}
          nothingToPublish={publish.nothingToPublish}
        />
      </ReactFlowProvider>
    </MemoryRouter>,
  );
}

describe('EditorToolbar', () => {
  it('names each tool as its tooltip says, so "Tidy up" spoken or searched for finds it', () => {
    const tools = [...render('saved').matchAll(/<button[^>]*class="icon-btn"[^>]*>/g)].map(
      ([tag]) => ({
        name: /aria-label="([^"]*)"/.exec(tag)![1]!,
        tooltip: /title="([^"]*)"/.exec(tag)![1]!,
      }),
    );
    expect(tools.map((t) => t.name)).toEqual([
      'Undo',
      'Redo',
      'Tidy up',
      'Fit to screen',
      'Import from JSON',
      'Export as JSON',
      'Version history',
      'More actions',
    ]);
    for (const { name, tooltip } of tools) expect(tooltip.startsWith(name), tooltip).toBe(true);
  });

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

  it('says why a save failed, in the server\'s words, beside "Save failed"', () => {
    const html = render('error', undefined, undefined, { saveFailure: 'Flow name: Required' });
    expect(html).toMatch(
      /<span class="save-failure" title="Flow name: Required"[^>]*>Flow name: Required<\/span>/,
    );
    expect(render('error')).not.toContain('save-failure');
  });

  it('says at the name field that it needs a name, tied to the field for screen readers', () => {
    const html = render('saved', undefined, undefined, { nameProblem: 'Give the flow a name' });
    const input = /<input[^>]*aria-label="Flow name"[^>]*>/.exec(html)?.[0] ?? '';
    expect(input).toContain('aria-invalid="true"');
    const describedBy = /aria-describedby="([^"]+)"/.exec(input)?.[1];
    expect(describedBy).toBeTruthy();
    expect(html).toContain(`id="${describedBy}" role="alert">Give the flow a name<`);
    expect(/<input[^>]*aria-label="Flow name"[^>]*>/.exec(render('saved'))?.[0]).not.toMatch(
      /aria-invalid|aria-describedby/,
    );
  });

  it('says a save lost on the way is being tried again, and still offers to save now', () => {
    expect(render('retrying')).toContain('Not saved — retrying');
    expect(render('retrying')).toMatch(/<button[^>]*>Try again<\/button>/);
  });

  it('counts warnings when there is no error, rather than saying there is no problem', () => {
    const button = (errors: number, warnings: number) =>
      /<button[^>]*data-testid="problems-button"[^>]*>(.*?)<\/button>/.exec(
        render('saved', undefined, { errors, warnings }),
      )?.[0] ?? '';
    expect(button(0, 0)).toContain('>No problems<');
    expect(button(0, 1)).toContain('>1 warning<');
    expect(button(0, 1)).toContain('has-warnings');
    expect(button(2, 0)).toContain('>2 problems<');
    expect(button(2, 0)).not.toContain('warning');
  });

  it('counts warnings beside errors, amber with a triangle, apart from the red errors', () => {
    const button =
      /<button[^>]*data-testid="problems-button"[^>]*>(.*?)<\/button>/.exec(
        render('saved', undefined, { errors: 2, warnings: 3 }),
      )?.[0] ?? '';
    expect(button).toContain('has-problems');
    expect(button).toMatch(
      /<span class="count-errors"><svg[^>]*lucide-circle-alert[^>]*>.*?<\/svg>2 problems<\/span>/,
    );
    expect(button).toMatch(
      /<span class="count-warnings"><svg[^>]*lucide-triangle-alert[^>]*>.*?<\/svg>3 warnings<\/span>/,
    );
    // Read out as "2 problems, 3 warnings".
    expect(button.replace(/<[^>]+>/g, '')).toBe('2 problems, 3 warnings');
  });

  it('keeps Publish the primary action while the draft differs from what is published', () => {
    const html = render('saved', {
      status: { published: 2, changedSincePublish: true },
      nothingToPublish: false,
    });
    expect(publishButton(html)).toContain('btn-primary');
    expect(publishButton(html)).not.toContain('Nothing new');
  });

  it('steps Publish back, saying so, when the draft is the published version', () => {
    const button = publishButton(
      render('saved', {
        status: { published: 2, changedSincePublish: false },
        nothingToPublish: true,
      }),
    );
    expect(button).not.toContain('btn-primary');
    expect(button).toContain('title="Nothing new to publish: the draft is published as version 2"');
    // Still there to click (and focusable, its tooltip readable): the click says it is already
    // published and creates no version.
    expect(button).not.toMatch(/disabled=""/);
  });
});

function publishButton(html: string): string {
  return /<button[^>]*data-testid="publish-button"[^>]*>/.exec(html)?.[0] ?? '';
}
