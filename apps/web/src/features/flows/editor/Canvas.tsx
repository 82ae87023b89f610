import { useCallback, useEffect, useMemo, useRef, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type Connection,
  type Edge,
  type IsValidConnection,
  type OnConnectEnd,
  type ReactFlowInstance,
} from '@xyflow/react';
import { connectionLabels } from '../graph/connection-labels.js';
import { attemptFromDrag, attemptOntoCard, checkConnection } from '../graph/connection-rules.js';
import { paletteGroupOf } from '../graph/node-catalog.js';
import { VIRTUALIZE_ABOVE, type TandemNode } from '../graph/flow-graph.js';
import { CANVAS_ARIA_LABELS } from './canvas-aria.js';
import { useEditorStore } from './editor.store.js';
import { fitForReading } from './fit-readable.js';
import { nodeTypes } from './NodeCard.js';
import { DRAG_MIME } from './Palette.js';
import { useFollowRun } from './use-follow-run.js';
import { useLabelledNodes } from './use-step-labels.js';

const MINIMAP_COLORS: Record<string, string> = {
  trigger: '#0e7490',
  ai: '#7c3aed',
  check: '#b45309',
  human: '#be185d',
  logic: '#475569',
  publish: '#15803d',
};

const defaultEdgeOptions = { type: 'smoothstep' as const, animated: false };
const proOptions = { hideAttribution: false };
const snapGrid: [number, number] = [10, 10];
export const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1, duration: 300 };

/** The id of the step card under the pointer where a drag ended (mouse or touch), if any. */
function cardUnderPointer(event: MouseEvent | TouchEvent): string | null {
  const point = 'changedTouches' in event ? event.changedTouches[0] : event;
  if (!point) return null;
  const under = document.elementFromPoint(point.clientX, point.clientY);
  return under?.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? null;
}

export function Canvas({ onConnectRefused }: { onConnectRefused: (reason: string) => void }) {
  const nodes = useLabelledNodes(useEditorStore((s) => s.nodes));
  const storedEdges = useEditorStore((s) => s.edges);
  // Shallow-compared, so moving a step does not relabel every connection.
  const labels = useEditorStore(useShallow((s) => connectionLabels(s.nodes, s.edges, s.types)));
  const edges = useMemo(
    () => storedEdges.map((e) => ({ ...e, ariaLabel: labels[e.id] })),
    [storedEdges, labels],
  );
  const readOnly = useEditorStore((s) => s.readOnly);
  const onNodesChange = useEditorStore((s) => s.onNodesChange);
  const onEdgesChange = useEditorStore((s) => s.onEdgesChange);
  const connect = useEditorStore((s) => s.connect);
  const addNode = useEditorStore((s) => s.addNode);
  const select = useEditorStore((s) => s.select);
  const flow = useReactFlow();
  const flowStore = useStoreApi<TandemNode>();
  useFollowRun();
  const canvasRef = useRef<HTMLDivElement>(null);
  // The zoom, as a CSS variable the cards' titles grow by below the readable zoom (a small flow
  // opens whole at down to 0.55). Set directly so zooming does not re-render the canvas.
  useEffect(() => {
    const show = (zoom: number) => canvasRef.current?.style.setProperty('--canvas-zoom', `${zoom}`);
    show(flowStore.getState().transform[2]);
    return flowStore.subscribe((s, before) => {
      if (s.transform[2] !== before.transform[2]) show(s.transform[2]);
    });
  }, [flowStore]);
  // Once the canvas has its size: a flow opens whole if it is readable so, else on its first
  // steps at a readable zoom (a template shrunk to fit the canvas was too small to read). The fit
  // waits for the cards to be measured.
  const onInit = useCallback(
    (instance: ReactFlowInstance<TandemNode>) => {
      const { width, height } = flowStore.getState();
      fitForReading(instance, useEditorStore.getState().nodes, { width, height });
    },
    [flowStore],
  );

  const isValidConnection: IsValidConnection<Edge> = useCallback((c) => {
    const s = useEditorStore.getState();
    return checkConnection({ nodes: s.nodes, edges: s.edges }, s.types, c).ok;
  }, []);

  const onConnect = useCallback(
    (c: Connection) => {
      const s = useEditorStore.getState();
      const check = checkConnection({ nodes: s.nodes, edges: s.edges }, s.types, c);
      if (check.ok) connect(c);
      else onConnectRefused(check.reason);
    },
    [connect, onConnectRefused],
  );

  // React Flow drops a refused connection without a word (isValidConnection keeps onConnect
  // from firing), so a designer who let go over the wrong handle is told why nothing happened.
  // Let go over a step's card instead of its small input dot, the drag connects into that step:
  // React Flow would drop it silently, and aiming at a 12 px dot is what designers miss.
  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state) => {
      if (!state.fromHandle) return;
      const s = useEditorStore.getState();
      const graph = { nodes: s.nodes, edges: s.edges };
      if (state.toHandle) {
        if (state.isValid !== false) return;
        const check = checkConnection(
          graph,
          s.types,
          attemptFromDrag(state.fromHandle, state.toHandle),
        );
        if (!check.ok) onConnectRefused(check.reason);
        return;
      }
      const card = cardUnderPointer(event);
      const attempt = card ? attemptOntoCard(state.fromHandle, card) : null;
      if (!attempt) return;
      const check = checkConnection(graph, s.types, attempt);
      if (check.ok) connect(attempt);
      else onConnectRefused(check.reason);
    },
    [connect, onConnectRefused],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(DRAG_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
    }
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_MIME);
      if (!type) return;
      e.preventDefault();
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addNode(type, { x: Math.round(at.x - 130), y: Math.round(at.y - 40) });
    },
    [flow, addNode],
  );

  const minimapColor = useCallback((n: TandemNode) => {
    const s = useEditorStore.getState();
    const category = s.types.get(n.data.nodeType)?.category ?? 'logic';
    return MINIMAP_COLORS[paletteGroupOf(category)] ?? '#475569';
  }, []);

  return (
    <div
      ref={canvasRef}
      className="canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="canvas"
    >
      <ReactFlow<TandemNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onPaneClick={() => select(null)}
        defaultEdgeOptions={defaultEdgeOptions}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        snapToGrid
        snapGrid={snapGrid}
        onInit={onInit}
        onlyRenderVisibleElements={nodes.length > VIRTUALIZE_ABOVE}
        minZoom={0.05}
        maxZoom={2}
        proOptions={proOptions}
        connectionRadius={28}
        aria-label="Flow canvas"
        ariaLabelConfig={CANVAS_ARIA_LABELS}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.4} color="#c9cedd" />
        <MiniMap<TandemNode>
          pannable
          zoomable
          nodeColor={minimapColor}
          nodeStrokeWidth={0}
          ariaLabel="Flow overview"
        />
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
    </div>
  );
}
