import type { ReactNode } from 'react';

/** What to show when there is nothing yet, always with what to do next. */
export function EmptyState({
  title,
  body,
  action,
  icon,
}: {
  title: string;
  body?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
}) {
  return (
    <div className="empty-state" role="status">
      {icon && (
        <div className="empty-icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <h2>{title}</h2>
      {body && <p className="muted">{body}</p>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}
