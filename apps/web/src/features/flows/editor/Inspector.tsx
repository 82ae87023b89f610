import { useEffect, useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { Copy, Trash2 } from 'lucide-react';
import { useAuth } from '../../../auth/use-auth.js';
import { IconButton, shortcutLabel } from '../../../ui/index.js';
import type { TandemNode } from '../graph/flow-graph.js';
import { declaredOutputsFor } from '../graph/declared-outputs.js';
import { fieldProblems, sortBySeverity } from '../graph/local-validation.js';
import { buildFormFields } from '../graph/schema-form.js';
import { offeredSuggestions, upstreamOf, variableSuggestions } from '../graph/variables.js';
import { useEditorStore } from './editor.store.js';
import { RunStepOutput } from './RunStepOutput.js';
import { ConfigForm } from './inspector/ConfigForm.js';
import { FieldNote } from './inspector/FieldNote.js';
import { ScheduleNextRun } from './inspector/ScheduleNextRun.js';
import { ClosePanelButton } from './ClosePanelButton.js';
import { NodeIcon } from './node-icons.js';
import { showStep } from './show-step.js';
import { useDeleteSelected } from './use-delete-selected.js';
import { useDirectory } from './use-directory.js';
import { WebhookAddress } from './WebhookAddress.js';

export function Inspector({ nodeId, flowId }: { nodeId: string; flowId: string }) {
  const node = useEditorStore((s) => s.nodes.find((n) => n.id === nodeId));
  const edges = useEditorStore((s) => s.edges);
  const nodes = useEditorStore((s) => s.nodes);
  const types = useEditorStore((s) => s.types);
  const readOnly = useEditorStore((s) => s.readOnly);
  const problems = useEditorStore((s) => s.problems);
  const step = useEditorStore((s) => s.run?.steps[nodeId]);
  const test = useEditorStore((s) => s.run?.test === true);
  const updateConfig = useEditorStore((s) => s.updateConfig);
  const updateLabel = useEditorStore((s) => s.updateLabel);
  const deleteSelected = useDeleteSelected();
  const [labelDraft, setLabelDraft] = useState<string | null>(null);
  const flow = useReactFlow<TandemNode>();

  // Opening the panel narrows the canvas; bring the selected step back into view if it got hidden.
  useEffect(() => {
    const frame = requestAnimationFrame(() => showStep(flow, nodeId));
    return () => cancelAnimationFrame(frame);
  }, [nodeId, flow]);
  const info = node ? types.get(node.data.nodeType) : undefined;
  const fields = useMemo(() => (info ? buildFormFields(info.configSchema) : []), [info]);
  const { hasRole } = useAuth();
  const directory = useDirectory(
    {
      connections: fields.some((f) => f.kind === 'connection'),
      people: fields.some((f) => f.kind === 'people'),
    },
    hasRole('admin'),
  );
  // Suggestions depend on the graph's shape and the trigger's fields, not on node positions.
  const graphKey = `${edges.map((e) => `${e.source}>${e.target}`).join(',')}|${JSON.stringify(nodes.find((n) => n.data.nodeType === 'trigger.manual')?.data.config.fields ?? null)}`;
  const suggestions = useMemo(
    () => offeredSuggestions(variableSuggestions({ nodes, edges }, nodeId, types)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [graphKey, nodeId, types],
  );
  const upstream = useMemo(
    () =>
      upstreamOf({ edges }, nodeId).map((id) => {
        const n = nodes.find((x) => x.id === id);
        return { id, title: n?.data.label || types.get(n?.data.nodeType ?? '')?.title || id };
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [graphKey, nodeId, types],
  );
  const stepIds = useMemo(() => new Set(nodes.map((n) => n.id)), [nodes]);
  const readsDeclaredFields = fields.some((f) => f.kind === 'output-field');
  // Keyed on the whole graph: the AI step's fields are edited elsewhere, undo can change them.
  const declared = useMemo(
    () => (readsDeclaredFields ? declaredOutputsFor({ nodes, edges }, nodeId, types) : null),
    [readsDeclaredFields, nodes, edges, nodeId, types],
  );
  const nodeProblems = problems.filter((p) => p.nodeId === nodeId);
  const { errors, warnings } = useMemo(() => fieldProblems(nodeProblems), [nodeProblems]);
  const stepProblems = sortBySeverity(nodeProblems.filter((p) => !p.path.length));

  if (!node) return null;
  // An unnamed step shows the name its card shows (its type's title) as text to edit: as grey
  // placeholder text it read as a disabled field.
  const typeTitle = info?.title ?? node.data.nodeType;
  const label = labelDraft ?? (node.data.label || typeTitle);

  return (
    // Focusable so that Escape from one of its fields leaves the focus in the panel.
    <aside
      className="inspector"
      aria-label="Step settings"
      data-testid="inspector"
      data-node-id={nodeId}
      tabIndex={-1}
    >
      <header className="inspector-head">
        <span className="node-icon" aria-hidden="true">
          <NodeIcon name={info?.icon ?? ''} size={18} />
        </span>
        <div className="inspector-titles">
          <input
            className="inspector-name"
            aria-label="Step name"
            value={label}
            placeholder={typeTitle}
            readOnly={readOnly}
            onChange={(e) => setLabelDraft(e.target.value)}
            onBlur={() => {
              if (labelDraft !== null) {
                // Left as the type's title (or emptied), the step stays unnamed.
                const named = labelDraft.trim() === typeTitle ? '' : labelDraft;
                if (named !== (node.data.label ?? '')) updateLabel(nodeId, named);
              }
              setLabelDraft(null);
            }}
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          />
          {/* The type in words; the step's id (its name in templates) was shown here in code
              type, which read as developer jargon. */}
          <div className="muted small inspector-type">Step type: {typeTitle}</div>
        </div>
        {!readOnly && (
          <div className="row">
            <IconButton
              icon={Copy}
              size={16}
              title={`Duplicate (${shortcutLabel('D')})`}
              label="Duplicate step"
              onClick={() => {
                useEditorStore.getState().select(nodeId);
                useEditorStore.getState().duplicateSelected();
              }}
            />
            <IconButton
              icon={Trash2}
              size={16}
              tone="danger"
              title="Delete (Del)"
              label="Delete step"
              onClick={() => {
                useEditorStore.getState().select(nodeId);
                deleteSelected();
              }}
            />
          </div>
        )}
        {/* On a narrow window the panel covers the canvas: without this, only Escape (no use
            on a touch screen) got the canvas back. */}
        <ClosePanelButton />
      </header>
      {info?.description && <p className="muted small inspector-desc">{info.description}</p>}
      {/* The draft's schedule; an older version on view is not what publishing would run. */}
      {node.data.nodeType === 'trigger.schedule' && !readOnly && (
        <ScheduleNextRun config={node.data.config} />
      )}
      {stepProblems.length > 0 && (
        <ul className="inspector-problems" role="alert">
          {stepProblems.map((p, i) => (
            <li key={i}>
              <FieldNote severity={p.severity}>{p.message}</FieldNote>
            </li>
          ))}
        </ul>
      )}
      {step && (
        <RunStepOutput
          step={step}
          test={test}
          review={(step.type ?? node.data.nodeType) === 'human.review'}
        />
      )}
      {node.data.nodeType === 'trigger.webhook' && (
        <WebhookAddress
          origin={window.location.origin}
          flowId={flowId}
          config={node.data.config}
          connections={directory.connections}
          canManageConnections={directory.canManageConnections}
        />
      )}
      <section className="inspector-section" aria-label="Settings">
        {fields.length === 0 ? (
          <p className="muted small">This step has no settings.</p>
        ) : (
          <ConfigForm
            fields={fields}
            value={node.data.config}
            onChange={(config) => updateConfig(nodeId, config)}
            context={{
              suggestions,
              upstream,
              stepIds,
              errors,
              warnings,
              readOnly,
              directory,
              declared,
            }}
            idPrefix={`cfg-${nodeId}`}
          />
        )}
      </section>
    </aside>
  );
}
