import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { RunModeChoice } from './RunModeChoice.js';

const EFFECTS = 'This is a real run: it posts to Slack.';
const render = (mode: 'test' | 'real', effects: string | null = EFFECTS) =>
  renderToStaticMarkup(
    <RunModeChoice mode={mode} onChange={() => undefined} realEffects={effects} />,
  );

describe('RunModeChoice', () => {
  it('offers a test run and a real run, each saying what it does', () => {
    const html = render('test');
    expect(html).toContain('Test run');
    expect(html).toContain('Nothing is sent; checkpoints ask you.');
    expect(html).toContain('Real run');
    expect(html).toContain('Publishes for real; tasks go to your reviewers.');
    expect(html).toMatch(/checked="" value="test"/);
  });

  it('warns about real effects only once the real run is chosen', () => {
    expect(render('test')).not.toContain(EFFECTS);
    const real = render('real');
    expect(real).toContain(EFFECTS);
    expect(real).toMatch(/checked="" value="real"/);
  });

  it('says nothing more for a real run of a flow that touches nothing outside Tandem', () => {
    expect(render('real', null)).not.toContain('run-real-effects');
  });
});
