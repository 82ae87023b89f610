import { create } from 'zustand';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import type { StepStatus } from '@tandem/schema';
import { linkToAddedStep, type AutoLink } from '../graph/auto-connect.js';
import { edgesAfterRemoving } from '../graph/bridge-removed.js';
import {
  copySelection,
  pasteClipboard,
  shiftedClipboard,
  type ClipboardPayload,
} from '../graph/clipboard.js';
import {
  baseIdForType,
  uniqueNodeId,
  withConnection,
  type TandemEdge,
  type TandemNode,
} from '../graph/flow-graph.js';
import { emptyHistory, record, redo, undo, type History } from '../graph/history.js';
import { layoutGraph } from '../graph/layout.js';
import { removalNotice } from '../graph/removal-notice.js';
import { countProblems, type Problem, type ProblemCounts } from '../graph/problem-counts.js';
import type { NodeTypeInfo } from '../graph/node-catalog.js';
import { panelSelection, unselected } from '../graph/selection.js';
import { withStartingConfig } from '../graph/starting-config.js';

interface Snapshot {
  nodes: TandemNode[];
  edges: TandemEdge[];
}

export interface StepView {
  status: StepStatus;
  startedAt: string | null;
  endedAt: string | null;
  output: unknown;
  error: { code: string; message: string } | null;
  attempts: number;
  taskId?: string;
  /** When a step held by a timer (a Wait step, a retry) goes on. */
  wakeAt?: string | null;
  /** The step's node type in the run's own version (the draft may since differ). */
  type?: string;
}

export interface RunView {
  id: string;
  status: string;
  steps: Record<string, StepView>;
  /** A test run: nothing is sent, and its checkpoints ask the designer who started it. */
  test?: boolean;
}

export interface EditorState {
  nodes: TandemNode[];
  edges: TandemEdge[];
  types: Map<string, NodeTypeInfo>;
  history: History<Snapshot>;
  /** Changed since the last successful save. */
  dirty: boolean;
  /** Bumped on every graph change, so autosave knows whether a save is still current. */
  changeCount: number;
  readOnly: boolean;
  /**
   * The one step or the one connection selected on the canvas, which the side panel shows; both
   * null when nothing or several things are selected. Always derived from the canvas's own
   * `selected` flags, whatever changed them (a click, undo, a paste).
   */
  selectedNodeId: string | null;
  selectedEdgeId: string | null;
  /** Problems per node id, errors and warnings, from local checks and the last publish attempt. */
  problems: Problem[];
  problemCounts: ProblemCounts;
  run: RunView | null;
  /** Live automation levels of published checkpoints, by node id. */
  automation: Record<string, { level: string; locked: boolean }>;
  clipboard: ClipboardPayload | null;

  load(snapshot: Snapshot, options?: { readOnly?: boolean }): void;
  setTypes(types: NodeTypeInfo[]): void;
  onNodesChange(changes: NodeChange<TandemNode>[]): void;
  onEdgesChange(changes: EdgeChange<TandemEdge>[]): void;
  connect(connection: Connection): void;
  /**
   * Adds a step, the only one selected, with its type's default config. With `after`, that step
   * is connected to the new one when it can be, as a designer would by hand; the step and its
   * edge are one undo step. `link` says whether and how they were connected. With `before`
   * instead (a trigger added to a chain), the new step is connected to that one.
   */
  addNode(
    type: string,
    position: { x: number; y: number },
    after?: string | null,
    before?: string | null,
  ): { id: string; link: AutoLink | null } | null;
  /** Puts a whole graph (an import, a restored version) in the draft as one undoable edit. */
  replaceGraph(graph: Snapshot): void;
  updateConfig(nodeId: string, config: Record<string, unknown>): void;
  updateLabel(nodeId: string, label: string): void;
  /**
   * Deletes the selected steps and connections as one undo step, reconnecting around a deleted
   * step where it can. Returns what to tell the designer about the reconnecting, or null.
   */
  removeSelected(): string | null;
  duplicateSelected(): void;
  copySelected(): void;
  paste(): void;
  autoLayout(): void;
  undo(): void;
  redo(): void;
  checkpoint(): void;
  /** Selects just this step (or nothing), as a click on its card would. */
  select(nodeId: string | null): void;
  setProblems(problems: Problem[]): void;
  markSaved(changeCount: number): void;
  setRun(run: RunView | null): void;
  updateStep(nodeId: string, step: StepView): void;
  setAutomation(levels: EditorState['automation']): void;
}

// Consecutive edits of one node's config within this window form one undo step, so undo does
// not walk back a prompt one keystroke at a time.
const COALESCE_MS = 1_000;
let lastConfigEdit: { nodeId: string; at: number } | null = null;

const isStructural = (change: NodeChange | EdgeChange) =>
  change.type === 'remove' || change.type === 'add' || change.type === 'replace';

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
      let nodes = applyNodeChanges(allowed, s.nodes);
      // Once measured, a card's real handle positions replace the estimated ones it opened with.
      if (allowed.some((c) => c.type === 'dimensions')) {
        const measured = new Set(allowed.filter((c) => c.type === 'dimensions').map((c) => c.id));
        nodes = nodes.map((n) => {
          if (!measured.has(n.id) || !n.handles) return n;
          const { handles: _estimated, ...rest } = n;
          return rest;
        });
      }
      // Positions are recorded once per drag (at its start), not for every mouse move.
      const dragStart = allowed.some(
        (c) => c.type === 'position' && c.dragging && !s.nodes.find((n) => n.id === c.id)?.dragging,
      );
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
      const id = uniqueNodeId(baseIdForType(type), new Set(s.nodes.map((n) => n.id)));
      const node: TandemNode = {
        id,
        type: 'tandem',
        position,
        selected: true,
        data: { nodeType: type, config: structuredClone(info.defaultConfig ?? {}) },
      };
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
      const nodes = s.nodes.map((n) => {
        if (n.id !== nodeId) return n;
        const { label: _old, ...rest } = n.data;
        return { ...n, data: label.trim() ? { ...rest, label } : rest };
      });
      commit({ nodes });
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
      const positions = layoutGraph(
        s.nodes.map((n) => ({
          id: n.id,
          width: n.measured?.width,
          height: n.measured?.height,
          first: s.types.get(n.data.nodeType)?.category === 'trigger',
        })),
        s.edges,
      );
      commit({
        nodes: s.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })),
      });
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
        nodes: get().nodes.map((n) => {
          const selected = n.id === nodeId;
          return n.selected === selected ? n : { ...n, selected };
        }),
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
