import type { LucideIcon } from 'lucide-react';

interface Props {
  icon: LucideIcon;
  /** What a screen reader calls the button. */
  label: string;
  /** The tooltip, with the shortcut where there is one. */
  title: string;
  onClick: () => void;
  disabled?: boolean;
  size?: number;
}

/** A square icon button of the editor: the toolbar's tools, the settings panel's close. */
export function IconButton({ icon: Icon, label, title, onClick, disabled, size = 17 }: Props) {
  return (
    <button
      type="button"
      className="icon-btn"
      title={title}
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
    >
      <Icon size={size} />
    </button>
  );
}
