import { publishTurnsOnWarning, type PublishTurnsOn } from './publish-turns-on.js';

/**
 * In the Test run dialog, before a draft is published to run: what publishing switches on for
 * real (a schedule, a webhook), and for a schedule the choice to publish it paused, so a
 * designer who only wants to try the flow starts no real run with it.
 */
export function PublishTurnsOnNote({
  turnsOn,
  pauseSchedule,
  onPauseSchedule,
}: {
  turnsOn: PublishTurnsOn;
  pauseSchedule: boolean;
  onPauseSchedule: (pause: boolean) => void;
}) {
  return (
    <div className="run-turns-on" data-testid="run-turns-on">
      <p role="note" id="run-turns-on-warning">
        {publishTurnsOnWarning(turnsOn)}
      </p>
      {turnsOn.kind === 'schedule' && (
        <label className="run-pause-schedule">
          <input
            type="checkbox"
            checked={pauseSchedule}
            onChange={(e) => onPauseSchedule(e.target.checked)}
            aria-describedby="run-pause-schedule-detail"
          />
          <span>
            <strong>Publish with the schedule paused</strong>{' '}
            <span id="run-pause-schedule-detail" className="muted">
              — only the run you start here runs. To put the schedule to work, switch “Paused” off
              in the Schedule step and publish.
            </span>
          </span>
        </label>
      )}
    </div>
  );
}
