import { memo, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { IconButton } from '../../../ui/index.js';
import { groupNodeTypes, type NodeTypeInfo } from '../graph/node-catalog.js';
import { NodeIcon } from './node-icons.js';
import { usePaletteCollapsed } from './use-palette-collapsed.js';

export const DRAG_MIME = 'application/x-tandem-node';

/**
 * The node palette: drag a step onto the canvas, or click it (Enter from the keyboard) to add it
 * after the selected step, connected, or in view when none is selected. From the search box,
 * Enter adds the first match and the arrow keys walk the list, as in any search people know:
 * "ai", Enter, "brand", Enter builds a chain without leaving the box. It collapses to its icons
 * (each still named, and described in its tooltip) to give the canvas room.
 */
export const Palette = memo(function Palette({
  types,
  onAdd,
  disabled,
}: {
  types: NodeTypeInfo[];
  onAdd: (type: string) => void;
  disabled?: boolean;
}) {
  const [query, setQuery] = useState('');
  const [collapsed, toggleCollapsed] = usePaletteCollapsed();
  const groups = useMemo(() => groupNodeTypes(types, query), [types, query]);
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // What Enter in the search box adds: the first step found, one named so before one that only
  // mentions the words ("brand" means Brand check, not AI write "in the brand's voice").
  const enterAdds = useMemo(() => {
    const words = query.trim().toLowerCase();
    if (!words || disabled) return undefined;
    const found = groups.flatMap((g) => g.types);
    return found.find((t) => t.title.toLowerCase().includes(words)) ?? found[0];
  }, [groups, query, disabled]);

  /** Moves focus to the step shown `by` places from the search box (-1) or a focused step. */
  const moveFocus = (event: KeyboardEvent<HTMLElement>, by: 1 | -1) => {
    const items = [...(listRef.current?.querySelectorAll<HTMLElement>('.palette-item') ?? [])];
    const at = items.indexOf(event.target as HTMLElement);
    const next = at === 0 && by === -1 ? searchRef.current : items[at + by];
    if (!next) return;
    event.preventDefault();
    next.focus();
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') moveFocus(event, 1);
    else if (event.key === 'Enter' && enterAdds) {
      event.preventDefault();
      onAdd(enterAdds.type);
      setQuery('');
    }
  };

  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowDown') moveFocus(event, 1);
    else if (event.key === 'ArrowUp') moveFocus(event, -1);
  };

  return (
    <aside
      className={collapsed ? 'palette palette-collapsed' : 'palette'}
      aria-label="Steps you can add"
    >
      <div className="palette-head">
        {!collapsed && (
          <input
            type="search"
            placeholder="Search steps…"
            aria-label="Search steps"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKey}
            ref={searchRef}
            aria-describedby={enterAdds ? 'palette-search-hint' : undefined}
          />
        )}
        <IconButton
          icon={collapsed ? PanelLeftOpen : PanelLeftClose}
          size={17}
          label={collapsed ? 'Expand the steps list' : 'Collapse the steps list to icons'}
          className="palette-toggle"
          onClick={() => {
            // A search left in the box would keep the icons filtered with no box to clear it.
            setQuery('');
            toggleCollapsed();
          }}
        />
      </div>
      {enterAdds && !collapsed && (
        <p id="palette-search-hint" className="muted small palette-search-hint">
          Enter adds “{enterAdds.title}”
        </p>
      )}
      <div className="palette-groups" ref={listRef} onKeyDown={onListKey}>
        {groups.map((group) => (
          <section key={group.id} className="palette-group">
            <h3 className={`palette-group-title cat-text-${group.id}`}>{group.label}</h3>
            <ul>
              {group.types.map((t) => (
                <li key={t.type}>
                  <button
                    type="button"
                    className={`palette-item cat-${group.id}`}
                    draggable={!disabled}
                    disabled={disabled}
                    data-testid={`palette-${t.type}`}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(DRAG_MIME, t.type);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                    onClick={() => onAdd(t.type)}
                    title={`${collapsed ? `${t.title}. ` : ''}Click to add after the selected step, or drag onto the canvas: ${t.description}`}
                  >
                    <span className="palette-icon" aria-hidden="true">
                      <NodeIcon name={t.icon} />
                    </span>
                    <span className="palette-text">
                      <span className="palette-title">{t.title}</span>
                      <span className="palette-desc">{t.description}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {groups.length === 0 && (
          <p className="muted small palette-empty">No step matches “{query}”.</p>
        )}
      </div>
    </aside>
  );
});
