import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import type { StepStatus } from '@tandem/schema';
import type { AutoLink } from '../graph/auto-connect.js';
import type { ClipboardPayload } from '../graph/clipboard.js';
import type { TandemEdge, TandemNode } from '../graph/flow-graph.js';
import type { History } from '../graph/history.js';
import type { NodeTypeInfo } from '../graph/node-catalog.js';
import type { Problem, ProblemCounts } from '../graph/problem-counts.js';

/** The steps and connections of a graph: what the store loads, and what undo steps back to. */
export interface Snapshot {
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
