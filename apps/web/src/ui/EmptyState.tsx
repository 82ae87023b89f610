import type { ReactNode, Ref } from 'react';

/** What to show when there is nothing yet, always with what to do next. */
export function EmptyState({
  title,
  body,
  action,
  icon,
  headingRef,
}: {
  title: string;
  body?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  /** For a page that moves the focus to the heading (it becomes focusable then). */
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  return (
    <div className="empty-state" role="status">
      {icon && (
        <div className="empty-icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <h2 ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        {title}
      </h2>
      {body && <p className="muted">{body}</p>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}
