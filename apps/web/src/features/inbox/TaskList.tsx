import { memo } from 'react';
import type { Flag } from '@tandem/schema';
import { Link } from 'react-router';
import { Badge } from '../../ui/index.js';
import { countdown } from './countdown.js';
import { escalationLabel } from './escalation.js';
import type { InboxTask } from './inbox-api.js';
import {
  EMPTY_FILTER,
  isFilterActive,
  type CheckpointOption,
  type InboxFilter,
} from './task-list.js';

/** A flag badge toned by its worst flag: an error-level flag was amber like a mere warning. */
const FLAG_TONE = { error: 'danger', warning: 'warning', info: 'info' } as const;

function worstSeverity(flags: readonly Pick<Flag, 'severity'>[]): Flag['severity'] {
  if (flags.some((f) => f.severity === 'error')) return 'error';
  return flags.some((f) => f.severity === 'warning') ? 'warning' : 'info';
}

interface FiltersProps {
  filter: InboxFilter;
  onChange: (filter: InboxFilter) => void;
  flows: { id: string; name: string }[];
  checkpoints: CheckpointOption[];
}

export function InboxFilters({ filter, onChange, flows, checkpoints }: FiltersProps) {
  const visibleCheckpoints = checkpoints.filter(
    (c) => !filter.flowId || c.flowId === filter.flowId,
  );
  return (
    <fieldset className="inbox-filters">
      <legend className="sr-only">Filter tasks</legend>
      <label className="inbox-filter">
        <span>Flow</span>
        <select
          value={filter.flowId ?? ''}
          onChange={(e) =>
            onChange({ ...filter, flowId: e.target.value || null, checkpoint: null })
          }
        >
          <option value="">All flows</option>
          {flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inbox-filter">
        <span>Checkpoint</span>
        <select
          value={filter.checkpoint ?? ''}
          onChange={(e) => onChange({ ...filter, checkpoint: e.target.value || null })}
        >
          <option value="">All checkpoints</option>
          {visibleCheckpoints.map((c) => (
            <option key={c.key} value={c.key}>
              {c.title} ({c.count})
            </option>
          ))}
        </select>
      </label>
      <label className="inbox-check">
        <input
          type="checkbox"
          checked={filter.flaggedOnly}
          onChange={(e) => onChange({ ...filter, flaggedOnly: e.target.checked })}
        />
        Flagged
      </label>
      <label className="inbox-check">
        <input
          type="checkbox"
          checked={filter.dueSoonOnly}
          onChange={(e) => onChange({ ...filter, dueSoonOnly: e.target.checked })}
        />
        Due soon
      </label>
      {isFilterActive(filter) && (
        <button type="button" className="link-btn" onClick={() => onChange(EMPTY_FILTER)}>
          Clear
        </button>
      )}
    </fieldset>
  );
}

/**
 * A pause for screen readers between the parts of a list item: the link's name ran them
 * together ("Review post: the phone The Phone Phone post Revised Due in 54s").
 */
function Sep() {
  return <span className="sr-only">, </span>;
}

interface ItemProps {
  task: InboxTask;
  selected: boolean;
  fresh: boolean;
  now: number;
  userId: string | undefined;
  flowName: string | undefined;
}

export const TaskListItem = memo(function TaskListItem({
  task,
  selected,
  fresh,
  now,
  userId,
  flowName,
}: ItemProps) {
  const due = countdown(task.dueAt, now);
  const escalation = escalationLabel(task, now);
  const claimedByOther = task.claimedBy !== null && task.claimedBy !== userId;
  return (
    <li
      className={`inbox-item${selected ? ' is-selected' : ''}${fresh ? ' is-fresh' : ''}`}
      data-task-id={task.id}
    >
      <Link
        to={`/inbox/${encodeURIComponent(task.id)}`}
        aria-current={selected ? 'true' : undefined}
        className="inbox-item-link"
      >
        <span className="inbox-item-title">
          {fresh && (
            <>
              <span className="new-dot" aria-hidden="true" />
              <span className="sr-only">New: </span>
            </>
          )}
          {task.title}
        </span>
        {task.preview && (
          <>
            <Sep />
            <span className="inbox-item-preview">{task.preview}</span>
          </>
        )}
        <Sep />
        <span className="inbox-item-meta muted small">{flowName ?? task.flowId}</span>
        <span className="inbox-item-badges">
          {/* Separators sit beside the badges, not in them: a badge still reads "2 flags". */}
          {(task.round ?? 0) > 0 && (
            <>
              <Sep />
              <Badge tone="info" title="The AI redrafted this after someone asked for changes">
                Revised
              </Badge>
            </>
          )}
          {task.flags.length > 0 && (
            <>
              <Sep />
              <Badge tone={FLAG_TONE[worstSeverity(task.flags)]}>
                {task.flags.length} flag{task.flags.length === 1 ? '' : 's'}
              </Badge>
              {/* The tone shows the worst at a glance; words say it to screen readers too. Beside
                  the badge, which still reads "2 flags". */}
              <span className="sr-only"> (worst: {worstSeverity(task.flags)})</span>
            </>
          )}
          {escalation && (
            <>
              <Sep />
              <Badge tone="danger" title={task.escalatedAt ?? undefined}>
                {escalation}
              </Badge>
            </>
          )}
          {task.kind === 'spot_check' && (
            <>
              <Sep />
              <Badge tone="info">Spot check</Badge>
            </>
          )}
          {claimedByOther && (
            <>
              <Sep />
              <Badge tone="neutral">Being reviewed by {task.claimedByName || 'someone else'}</Badge>
            </>
          )}
          {due.tone !== 'none' && (
            <>
              <Sep />
              <span className={`due due-${due.tone}`} title={task.dueAt ?? undefined}>
                {due.label}
              </span>
            </>
          )}
        </span>
      </Link>
    </li>
  );
});
