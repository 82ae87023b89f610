import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { FIT_VIEW_OPTIONS } from './Canvas.js';
import { closePanel, keepFocusAfterEscape } from './close-panel.js';
import { useEditorStore } from './editor.store.js';
import { commandFor, isTextField } from './shortcuts.js';
import { useDeleteSelected } from './use-delete-selected.js';

/** Editor keyboard shortcuts, active while the editor page is open. */
export function useEditorShortcuts(handlers: { save: () => void; help: () => void }) {
  const flow = useReactFlow();
  const deleteSelected = useDeleteSelected();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A modal dialog owns the keyboard while open.
      if (document.querySelector('dialog[open]')) return;
      // A control inside the page (an open autocomplete list) already used this key.
      if (event.defaultPrevented) return;
      const command = commandFor(event, isTextField(event.target));
      if (!command) return;
      const s = useEditorStore.getState();
      const inspector = document.querySelector<HTMLElement>('[data-testid="inspector"]');
      if (command === 'leave-field' && !inspector?.contains(event.target as Node)) return;
      if (command === 'close-panel') keepFocusAfterEscape(event.target);
      // Escape also clears a selection of several things, which opens no panel.
      const nothingSelected = () =>
        !s.nodes.some((n) => n.selected) && !s.edges.some((e) => e.selected);
      if (command === 'close-panel' && nothingSelected()) return;
      event.preventDefault();
      switch (command) {
        case 'undo':
          return s.undo();
        case 'redo':
          return s.redo();
        case 'copy':
          return s.copySelected();
        case 'paste':
          return s.paste();
        case 'duplicate':
          return s.duplicateSelected();
        case 'delete':
          return deleteSelected();
        case 'save':
          return handlers.save();
        case 'layout':
          s.autoLayout();
          requestAnimationFrame(() => void flow.fitView(FIT_VIEW_OPTIONS));
          return;
        case 'fit':
          return void flow.fitView(FIT_VIEW_OPTIONS);
        case 'select-all':
          return s.onNodesChange(
            s.nodes.map((n) => ({ type: 'select', id: n.id, selected: true })),
          );
        case 'help':
          return handlers.help();
        case 'leave-field':
          // The panel keeps the focus, so the next Escape closes it.
          return inspector?.focus();
        case 'close-panel':
          return closePanel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flow, handlers, deleteSelected]);
}
