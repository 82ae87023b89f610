import { describe, expect, it } from 'vitest';
import { noteOf, renderForm } from './config-form-fixture.js';

/** The markup of the <input> with this id. */
const inputOf = (html: string, id: string) =>
  new RegExp(`<input[^>]*id="${id}"[^>]*/?>`).exec(html)?.[0] ?? '';

describe('ConfigForm: time zone picker', () => {
  it('shows a schedule’s time zone as a searchable list, keeping the UTC default unchosen', () => {
    const html = renderForm('trigger.schedule', {});
    const box = inputOf(html, 'cfg-timeZone');
    expect(box).toContain('role="combobox"');
    expect(box).toContain('aria-controls="cfg-timeZone-zones"');
    expect(box).toContain('aria-expanded="false"');
    // The stored default, not the browser's own zone.
    expect(box).toContain('value="UTC (UTC+00:00)"');
    expect(html).toMatch(/<label class="field-label" for="cfg-timeZone">Time zone/);
  });

  it('shows a valid stored name the list lacks with its offset, and an unknown one as it is', () => {
    expect(
      inputOf(renderForm('trigger.schedule', { timeZone: 'US/Eastern' }), 'cfg-timeZone'),
    ).toMatch(/value="US\/Eastern \(UTC-0[45]:00\)"/);
    const message = 'Unknown time zone: use a name like Europe/Berlin or UTC';
    const html = renderForm(
      'trigger.schedule',
      { timeZone: 'Europe/Berlinn' },
      {},
      {
        timeZone: message,
      },
    );
    const box = inputOf(html, 'cfg-timeZone');
    expect(box).toContain('value="Europe/Berlinn"');
    expect(box).toContain('aria-invalid="true"');
    expect(box).toMatch(/aria-describedby="[^"]*cfg-timeZone-error/);
    expect(noteOf(html, 'cfg-timeZone-error')).toEqual({ className: 'field-error', text: message });
  });
});
