import { create } from 'zustand';
import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import { linkToAddedStep } from '../graph/auto-connect.js';
import { edgesAfterRemoving } from '../graph/bridge-removed.js';
import { copySelection, pasteClipboard, shiftedClipboard } from '../graph/clipboard.js';
import { withConnection } from '../graph/flow-graph.js';
import { emptyHistory, record, redo, undo } from '../graph/history.js';
import { removalNotice } from '../graph/removal-notice.js';
import { countProblems } from '../graph/problem-counts.js';
import { panelSelection, unselected } from '../graph/selection.js';
import { withStartingConfig } from '../graph/starting-config.js';
import {
  isStructural,
  laidOut,
  newStep,
  startsDrag,
  withLabel,
  withOnlySelected,
  withoutEstimatedHandles,
} from './editor-edits.js';
import type { EditorState, Snapshot } from './editor-state.js';

export type { EditorState, RunView, StepView } from './editor-state.js';

// Consecutive edits of one node's config within this window form one undo step, so undo does
// not walk back a prompt one keystroke at a time.
const COALESCE_MS = 1_000;
let lastConfigEdit: { nodeId: string; at: number } | null = null;

export const useEditorStore = create<EditorState>((setState, get) => {
  /** Sets state; whatever changes the steps or connections may change what the panel shows. */
  const set = (next: Partial<EditorState>) => {
    if (!next.nodes && !next.edges) return setState(next);
    setState({ ...next, ...panelSelection(next.nodes ?? get().nodes, next.edges ?? get().edges) });
  };
  const snapshot = (): Snapshot => ({ nodes: get().nodes, edges: get().edges });
  /** Applies a graph change as one undoable step. */
  const commit = (next: Partial<Snapshot>) => {
    const s = get();
    if (s.readOnly) return;
    lastConfigEdit = null;
    set({
      ...next,
      history: record(s.history, snapshot()),
      dirty: true,
      changeCount: s.changeCount + 1,
    });
  };

  return {
    nodes: [],
    edges: [],
    types: new Map(),
    history: emptyHistory(),
    dirty: false,
    changeCount: 0,
    readOnly: false,
    selectedNodeId: null,
    selectedEdgeId: null,
    problems: [],
    problemCounts: {},
    run: null,
    automation: {},
    clipboard: null,

    load(snap, options) {
      lastConfigEdit = null;
      set({
        nodes: snap.nodes,
        edges: snap.edges,
        history: emptyHistory(),
        dirty: false,
        changeCount: 0,
        readOnly: options?.readOnly ?? false,
        problems: [],
        problemCounts: {},
      });
    },

    setTypes(types) {
      set({ types: new Map(types.map((t) => [t.type, t])) });
    },

    onNodesChange(changes) {
      const s = get();
      const allowed = s.readOnly
        ? changes.filter((c) => c.type === 'select' || c.type === 'dimensions')
        : changes;
      if (!allowed.length) return;
      const nodes = withoutEstimatedHandles(applyNodeChanges(allowed, s.nodes), allowed);
      // Positions are recorded once per drag (at its start), not for every mouse move.
      const dragStart = startsDrag(allowed, s.nodes);
      const moved = allowed.some((c) => c.type === 'position' && c.dragging === false);
      const structural = allowed.some(isStructural);
      set({
        nodes,
        ...(dragStart || structural ? { history: record(s.history, snapshot()) } : {}),
        ...(moved || structural ? { dirty: true, changeCount: s.changeCount + 1 } : {}),
      });
      if (structural) lastConfigEdit = null;
    },

    onEdgesChange(changes) {
      const s = get();
      const allowed = s.readOnly ? changes.filter((c) => c.type === 'select') : changes;
      if (!allowed.length) return;
      const edges = applyEdgeChanges(allowed, s.edges);
      if (allowed.some(isStructural)) commit({ edges });
      else set({ edges });
    },

    connect(connection) {
      commit({ edges: withConnection(get().edges, connection) });
    },

    addNode(type, position, after, before) {
      const s = get();
      const info = s.types.get(type);
      if (!info || s.readOnly) return null;
      const node = newStep(type, info, position, s.nodes);
      const id = node.id;
      const nodes = [...unselected(s.nodes), node];
      const graph = { nodes, edges: s.edges };
      const link = after
        ? linkToAddedStep(graph, s.types, after, id)
        : before
          ? linkToAddedStep(graph, s.types, id, before)
          : null;
      const edges = unselected(link?.ok ? withConnection(s.edges, link.connection) : s.edges);
      commit({ nodes: withStartingConfig(nodes, edges, id, s.types), edges });
      return { id, link };
    },

    replaceGraph: (graph) => commit(graph),
    updateConfig(nodeId, config) {
      const s = get();
      if (s.readOnly) return;
      const now = Date.now();
      const coalesce = lastConfigEdit?.nodeId === nodeId && now - lastConfigEdit.at < COALESCE_MS;
      lastConfigEdit = { nodeId, at: now };
      set({
        nodes: s.nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, config } } : n)),
        ...(coalesce ? {} : { history: record(s.history, snapshot()) }),
        dirty: true,
        changeCount: s.changeCount + 1,
      });
    },

    updateLabel(nodeId, label) {
      const s = get();
      if (s.readOnly) return;
      commit({ nodes: withLabel(s.nodes, nodeId, label) });
    },

    removeSelected() {
      const s = get();
      const ids = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
      const edgeIds = new Set(s.edges.filter((e) => e.selected).map((e) => e.id));
      if (!ids.size && !edgeIds.size) return null;
      if (s.readOnly) return null;
      const kept = s.edges.filter((e) => !edgeIds.has(e.id));
      const edges = edgesAfterRemoving(s.nodes, kept, s.types, ids);
      commit({ nodes: s.nodes.filter((n) => !ids.has(n.id)), edges });
      return removalNotice(s.nodes, kept, edges, ids, s.types);
    },

    copySelected() {
      const s = get();
      const ids = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
      if (ids.size) set({ clipboard: copySelection(s.nodes, s.edges, ids) });
    },

    paste() {
      const s = get();
      if (!s.clipboard || s.readOnly) return;
      const hasTrigger = s.nodes.some((n) => n.data.nodeType.startsWith('trigger.'));
      const pasted = pasteClipboard(s.clipboard, {
        nodeIds: new Set(s.nodes.map((n) => n.id)),
        hasTrigger,
      });
      if (!pasted.nodes.length) return;
      commit({
        nodes: [
          ...unselected(s.nodes),
          ...pasted.nodes.map((n) => ({ ...n, type: 'tandem' as const, selected: true })),
        ],
        edges: [...unselected(s.edges), ...pasted.edges],
      });
      set({ clipboard: shiftedClipboard(s.clipboard) });
    },

    duplicateSelected() {
      get().copySelected();
      get().paste();
    },

    autoLayout() {
      const s = get();
      commit({ nodes: laidOut(s.nodes, s.edges, s.types) });
    },

    undo() {
      const s = get();
      const result = undo(s.history, snapshot());
      if (!result || s.readOnly) return;
      lastConfigEdit = null;
      set({
        ...result.state,
        history: result.history,
        dirty: true,
        changeCount: s.changeCount + 1,
      });
    },

    redo() {
      const s = get();
      const result = redo(s.history, snapshot());
      if (!result || s.readOnly) return;
      lastConfigEdit = null;
      set({
        ...result.state,
        history: result.history,
        dirty: true,
        changeCount: s.changeCount + 1,
      });
    },

    checkpoint() {
      lastConfigEdit = null;
    },

    select(nodeId) {
      set({
        nodes: withOnlySelected(get().nodes, nodeId),
        edges: unselected(get().edges),
      });
    },

    setProblems(problems) {
      set({ problems, problemCounts: countProblems(problems) });
    },

    markSaved(changeCount) {
      if (get().changeCount === changeCount) set({ dirty: false });
    },

    setRun(run) {
      set({ run });
    },

    updateStep(nodeId, step) {
      const run = get().run;
      if (!run) return;
      set({ run: { ...run, steps: { ...run.steps, [nodeId]: step } } });
    },

    setAutomation(automation) {
      set({ automation });
    },
  };
});
