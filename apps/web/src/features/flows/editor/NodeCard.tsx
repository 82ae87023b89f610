import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { AlertTriangle, Lock } from 'lucide-react';
import type { TandemNode } from '../graph/flow-graph.js';
import { paletteGroupOf } from '../graph/node-catalog.js';
import { connectionFieldOf } from '../graph/reference-problems.js';
import { formatDuration } from '../../../ui/format.js';
import { stepStatusLabel } from '../../runs/run-view.js';
import { NOT_SENT_TEST_LABEL, wouldSendOf } from '../../runs/would-send.js';
import { configSummary, effectiveConfig, LEVEL_LABEL } from './config-summary.js';
import { connectionLabel } from './connection-label.js';
import { useEditorStore } from './editor.store.js';
import { NodeIcon } from './node-icons.js';
import { useDirectoryStore } from './use-directory.js';

function duration(startedAt: string | null, endedAt: string | null): string | null {
  if (!startedAt || !endedAt) return null;
  return formatDuration(new Date(endedAt).getTime() - new Date(startedAt).getTime());
}

/**
 * One step on the canvas. Memoized and subscribed to its own slices of the store only, so
 * dragging one node of a thousand re-renders one card.
 */
function NodeCardView({ id, data, selected }: NodeProps<TandemNode>) {
  const info = useEditorStore((s) => s.types.get(data.nodeType));
  const problems = useEditorStore((s) => s.problemCounts[id]);
  const step = useEditorStore((s) => s.run?.steps[id]);
  const automation = useEditorStore((s) => s.automation[id]);
  const group = paletteGroupOf(info?.category ?? data.nodeType.split('.')[0] ?? 'logic');
  const title = data.label || info?.title || data.nodeType;
  const connectionField = info ? connectionFieldOf(info) : undefined;
  const connections = useDirectoryStore((s) => s.connections);
  const connection = connectionField
    ? connectionLabel(connectionField.connectionKind, data.config[connectionField.key], connections)
    : null;
  const summary = configSummary(
    data.nodeType,
    effectiveConfig(data.config, info?.defaultConfig),
    connection?.name,
  );
  const isCheckpoint = data.nodeType === 'human.review';
  const level =
    automation?.level ??
    (typeof data.config.defaultLevel === 'string' ? data.config.defaultLevel : 'review_all');
  const locked = automation?.locked ?? data.config.locked === true;
  const inputs = info?.inputs ?? [];
  const outputs = info?.outputs ?? [];
  const state = step ? `status-${step.status}` : problems?.errors ? 'has-errors' : '';
  const took = step ? duration(step.startedAt, step.endedAt) : null;

  return (
    <div
      className={`node-card cat-${group} ${state}${selected ? ' selected' : ''}`}
      data-testid={`node-${id}`}
      data-status={step?.status ?? ''}
    >
      {inputs.map((h, i) => (
        <Handle
          key={h.id}
          type="target"
          position={Position.Left}
          id={h.id}
          style={{ top: `${((i + 1) / (inputs.length + 1)) * 100}%` }}
        />
      ))}
      <div className="node-head">
        <span className="node-icon" aria-hidden="true">
          <NodeIcon name={info?.icon ?? ''} />
        </span>
        <div className="node-titles">
          <div className="node-title">{title}</div>
          <div className="node-type">{info?.title ?? data.nodeType}</div>
        </div>
        {problems?.errors ? (
          <span className="node-problem" title={`${problems.errors} problem(s) to fix`}>
            {problems.errors}
          </span>
        ) : problems?.warnings ? (
          <span className="node-warning" title={`${problems.warnings} warning(s)`}>
            !
          </span>
        ) : null}
      </div>
      {summary && <div className="node-summary">{summary}</div>}
      {connection?.warning && (
        <div className="node-connection-warning">
          <AlertTriangle size={12} aria-hidden="true" />
          {connection.warning}
        </div>
      )}
      {(isCheckpoint || step) && (
        <div className="node-foot">
          {isCheckpoint && (
            <span className={`level-badge level-${level}`} title="Automation level">
              {locked && <Lock size={11} aria-label="locked" />}
              {LEVEL_LABEL[level] ?? level}
            </span>
          )}
          {step && (
            <span className={`step-pill step-${step.status}`}>
              {/* A test run's publish step rendered what it would send and sent nothing. */}
              {wouldSendOf(step.output)
                ? NOT_SENT_TEST_LABEL
                : stepStatusLabel(data.nodeType, step.status)}
              {took && <span className="step-time"> · {took}</span>}
            </span>
          )}
        </div>
      )}
      {/* Several ways out (a review's Approved/Rejected, a branch's true/false) get a row each at
          the foot of the card, the label inside it beside its handle: drawn outside, a card
          placed close to the right covered them. One way out needs no label. */}
      {outputs.length > 1 ? (
        <div className="node-outputs">
          {outputs.map((h) => (
            <div key={h.id} className="node-output">
              <span className="handle-label">{h.label}</span>
              <Handle
                type="source"
                position={Position.Right}
                id={h.id}
                className={`handle-labelled handle-${h.id}`}
              />
            </div>
          ))}
        </div>
      ) : (
        outputs.map((h) => <Handle key={h.id} type="source" position={Position.Right} id={h.id} />)
      )}
    </div>
  );
}

export const NodeCard = memo(NodeCardView);

/** At module scope: React Flow re-creates every node when this object changes identity. */
export const nodeTypes = { tandem: NodeCard };
