import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { followLabel } from '../../graph/field-name-from-label.js';
import { emptyItem, itemTitle } from '../../graph/form-layout.js';
import type { FormField } from '../../graph/schema-form.js';
import { IconButton } from '../../../../ui/index.js';

/**
 * A list of items, each a small form of its own ("Input form" → one per field), headed by what
 * the item is called, with a button to remove it and one to add another.
 */
export function ObjectList({
  field,
  items,
  onChange,
  readOnly,
  className,
  describedBy,
  notes,
  renderItem,
}: {
  field: FormField;
  items: Record<string, unknown>[];
  onChange: (items: Record<string, unknown>[]) => void;
  readOnly: boolean;
  className: string;
  describedBy: string | undefined;
  /** Help, errors and warnings of the list as a whole. */
  notes: ReactNode;
  renderItem: (
    item: Record<string, unknown>,
    index: number,
    onChange: (item: Record<string, unknown>) => void,
  ) => ReactNode;
}) {
  const itemFields = field.itemFields ?? [];
  // "Field 2" and "+ Add field" for a list titled "Input form": the item's own name, when
  // the schema gives one, reads better than the list's.
  const itemLabel = field.itemLabel ?? field.label.replace(/s$/, '');
  // An item with both a label and a name (an input form's field) gets its name from its label.
  const namedByLabel = ['name', 'label'].every((key) => itemFields.some((f) => f.key === key));
  const changeItem = (i: number, next: Record<string, unknown>) =>
    onChange(
      items.map((it, j) => {
        if (j !== i) return it;
        if (!namedByLabel) return next;
        const otherNames = items.filter((_, k) => k !== i).map((other) => other.name);
        return followLabel(it, next, otherNames);
      }),
    );
  return (
    <fieldset className={className} aria-describedby={describedBy}>
      <legend className="field-label">{field.label}</legend>
      {notes}
      {items.map((item, i) => {
        const numbered = `${itemLabel.toLowerCase()} ${i + 1}`;
        const title = itemTitle(item, itemLabel, i);
        const named = title !== `${itemLabel} ${i + 1}`;
        return (
          <div className="object-item" key={i}>
            <div className="object-item-head">
              <span className={`object-item-title${named ? '' : ' muted'}`}>{title}</span>
              {!readOnly && (
                <IconButton
                  icon={X}
                  size={16}
                  // Numbered as well: two items may carry the same name while being edited.
                  label={`Remove ${numbered}${named ? ` (${title})` : ''}`}
                  onClick={() => onChange(items.filter((_, j) => j !== i))}
                />
              )}
            </div>
            {renderItem(item, i, (next) => changeItem(i, next))}
          </div>
        );
      })}
      {!readOnly && (
        <button
          type="button"
          className="btn btn-secondary btn-sm"
          onClick={() => onChange([...items, emptyItem(itemFields)])}
        >
          + Add {itemLabel.toLowerCase()}
        </button>
      )}
    </fieldset>
  );
}
