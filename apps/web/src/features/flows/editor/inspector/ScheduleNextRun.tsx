import { useMemo } from 'react';
import { scheduleTiming } from '@tandem/nodes';
import { useNow } from '../../../../ui/index.js';
import { browserTimeZone, draftNextRun } from '../../next-run.js';

/**
 * Under a schedule's settings: when the draft's schedule would start its next run if it were
 * published now, so a designer sees what "09:00, Europe/Berlin" means before publishing.
 */
export function ScheduleNextRun({ config }: { config: Record<string, unknown> }) {
  // Re-read each minute: a slot that has passed gives way to the next one.
  const now = useNow(60_000);
  const localZone = useMemo(browserTimeZone, []);
  const timing = useMemo(() => scheduleTiming(config), [config]);
  const next = draftNextRun(timing, now, localZone);
  if (!next) return null;
  return (
    <p className="muted small inspector-next-run" data-testid="schedule-next-run">
      {next.text}
      {next.local && (
        <>
          <br />
          {next.local}
        </>
      )}
    </p>
  );
}
