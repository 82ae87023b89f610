import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { PublishTurnsOnNote } from './PublishTurnsOnNote.js';

const render = (turnsOn: Parameters<typeof PublishTurnsOnNote>[0]['turnsOn'], pause = true) =>
  renderToStaticMarkup(
    <PublishTurnsOnNote turnsOn={turnsOn} pauseSchedule={pause} onPauseSchedule={() => {}} />,
  );

describe('PublishTurnsOnNote', () => {
  it('says a schedule will run for real, and offers to publish it paused (chosen)', () => {
    const html = render({
      kind: 'schedule',
      when: 'Every Monday at 09:00, Europe/Berlin',
      alreadyOn: false,
    });
    expect(html).toContain('From then on it runs every Monday at 09:00, Europe/Berlin, for real');
    expect(html).toContain('Publish with the schedule paused');
    expect(html).toMatch(/type="checkbox"[^>]*checked=""/);
    expect(
      render({ kind: 'schedule', when: 'Every day at 09:00, UTC', alreadyOn: false }, false),
    ).not.toMatch(/checked=""/);
  });

  it('says a webhook will take calls, with nothing to pause', () => {
    const html = render({ kind: 'webhook', alreadyOn: false });
    expect(html).toContain('Publishing opens this flow’s webhook');
    expect(html).not.toContain('checkbox');
  });
});
