import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { openTaskFixture } from '../../testing/task-fixture.js';
import { stepName, TaskContext } from './TaskContext.js';
import { TechnicalDetails } from './TechnicalDetails.js';

const task = openTaskFixture({
  content: { text: 'Draft', model: 'gpt-4o-mini', promptVersion: 'pv_7', sourceNodeId: 'draft' },
});
const extras = {
  context: [
    { nodeId: 'draft', type: 'ai.generate', label: 'Draft the post', output: { text: 'Hi' } },
    { nodeId: 'brand_check', type: 'check.brand', label: null, output: null },
  ],
};

describe('TechnicalDetails', () => {
  it('keeps the ids and prompt version in a collapsed section', () => {
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <TechnicalDetails task={task} />
      </MemoryRouter>,
    );
    expect(html).toMatch(/^<details class="technical-details"[^>]*><summary>Technical details/);
    expect(html).not.toContain('<details open');
    for (const shown of ['review', 'draft', 'gpt-4o-mini', 'pv_7', 'run_1', 'stp_1']) {
      expect(html).toContain(`>${shown}<`);
    }
  });
});

describe('TaskContext', () => {
  const render = (showStepIds: boolean) =>
    renderToStaticMarkup(<TaskContext extras={extras} showStepIds={showStepIds} />);

  it('names the earlier steps without their types and ids for reviewers', () => {
    const html = render(false);
    expect(html).toContain('<strong>Draft the post</strong>');
    expect(html).toContain('<strong>Check</strong>');
    expect(html).not.toMatch(/ai\.generate|brand_check|class="mono"/);
  });

  it('adds types and ids for the people who build flows', () => {
    expect(render(true)).toContain('ai.generate · <span class="mono">draft</span>');
  });

  it('calls an unnamed step by its kind', () => {
    expect(stepName({ label: null, type: 'publish.webhook' })).toBe('Publish step');
    expect(stepName({ label: '', type: 'custom.thing' })).toBe('Earlier step');
  });
});
