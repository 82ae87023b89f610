import { forwardRef, type ButtonHTMLAttributes } from 'react';
import type { LucideIcon } from 'lucide-react';

export interface IconButtonProps extends Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'aria-label' | 'children' | 'title'
> {
  icon: LucideIcon;
  /** What a screen reader calls the button; the only name it has, so it is required. */
  label: string;
  /** The tooltip, with the shortcut where there is one; the label when not given. */
  title?: string;
  /** `danger` for a button that deletes something. */
  tone?: 'neutral' | 'danger';
  size?: number;
}

/**
 * A square button that shows only an icon: the editor's tools, a dialog's or a toast's close,
 * a list row's delete. One place for its name and tooltip, so none goes without either.
 */
export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { icon: Icon, label, title, tone = 'neutral', size = 17, className, type = 'button', ...rest },
  ref,
) {
  const classes = ['icon-btn', tone === 'danger' ? 'danger' : '', className]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      ref={ref}
      type={type}
      className={classes}
      title={title ?? label}
      aria-label={label}
      {...rest}
    >
      <Icon size={size} />
    </button>
  );
});
