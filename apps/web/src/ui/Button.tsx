import { forwardRef, type ButtonHTMLAttributes } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  size?: 'sm' | 'md';
  block?: boolean;
  /**
   * Working on the last click (saving, publishing): the button refuses clicks and says so, but
   * stays focusable. A `disabled` button drops the keyboard focus to the page body the moment
   * it is pressed, and a keyboard user starts over from the top.
   */
  busy?: boolean;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', size = 'md', block, busy, className, type = 'button', onClick, ...rest },
  ref,
) {
  const classes = ['btn', `btn-${variant}`, `btn-${size}`, block ? 'btn-block' : '', className]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      ref={ref}
      type={type}
      className={classes}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={(event) => {
        // Also keeps a busy submit button from sending its form again.
        if (busy) event.preventDefault();
        else onClick?.(event);
      }}
      {...rest}
    />
  );
});
