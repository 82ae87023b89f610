import { memo, useMemo, useState } from 'react';
import { groupNodeTypes, type NodeTypeInfo } from '../graph/node-catalog.js';
import { NodeIcon } from './node-icons.js';

export const DRAG_MIME = 'application/x-tandem-node';

/**
 * The node palette: drag a step onto the canvas, or click it (Enter from the keyboard) to add it
 * after the selected step, connected, or in view when none is selected.
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
  const groups = useMemo(() => groupNodeTypes(types, query), [types, query]);
  return (
    <aside className="palette" aria-label="Steps you can add">
      <div className="palette-search">
        <input
          type="search"
          placeholder="Search steps…"
          aria-label="Search steps"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <div className="palette-groups">
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
                    title={`Click to add after the selected step, or drag onto the canvas: ${t.description}`}
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
