import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import type { StepView } from './editor.store.js';
import { RunStepOutput } from './RunStepOutput.js';

const step = (over: Partial<StepView>): StepView => ({
  status: 'done',
  startedAt: null,
  endedAt: null,
  output: null,
  error: null,
  attempts: 1,
  ...over,
});

const render = (s: StepView, test: boolean, review = true) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <RunStepOutput step={s} test={test} review={review} />
    </MemoryRouter>,
  );

describe('RunStepOutput', () => {
  const published = step({
    output: {
      status: null,
      externalId: null,
      test: true,
      wouldSend: {
        target: 'https://hooks.slack.com/services/***',
        request: { method: 'POST', body: '{"text":"<b>Spring</b>"}' },
      },
    },
  });

  it('shows a test run’s publish step as not sent, with where and what it would have sent', () => {
    const html = render(published, true);
    expect(html).toContain('Last test run');
    expect(html).toContain('Not sent — test run');
    expect(html).toContain('https://hooks.slack.com/services/***');
    expect(html).toContain('&quot;text&quot;: &quot;&lt;b&gt;Spring&lt;/b&gt;&quot;');
    expect(html).not.toContain('<b>Spring</b>');
  });

  it('sends a real run’s waiting checkpoint to the inbox', () => {
    const html = render(step({ status: 'waiting', taskId: 'tsk_1' }), false);
    expect(html).toContain('Last real run');
    expect(html).toContain('href="/inbox/tsk_1"');
  });

  it('keeps a test run’s checkpoint out of the inbox: it is decided here', () => {
    const html = render(step({ status: 'waiting' }), true);
    expect(html).not.toContain('/inbox');
    expect(html).toContain('Waiting for your review');
  });

  it('says a Wait step waits for its time, not for a person, in a test run or a real one', () => {
    const wakeAt = new Date(Date.now() + 2 * 60 * 60_000 + 30_000).toISOString();
    for (const test of [true, false]) {
      const html = render(step({ status: 'waiting', wakeAt }), test, false);
      expect(html).toContain('Waiting for its time: continues in 2 hours');
      expect(html).toContain('No one needs to act.');
      expect(html).not.toContain('review');
      expect(html).not.toContain('/inbox');
    }
  });
});
