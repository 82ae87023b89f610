import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { EmptyState, PageHeader, Spinner } from '../../ui/index.js';
import {
  getAutomation,
  listAutomationFlows,
  type AutomationFlow,
  type CheckpointAutomation,
} from './automation-api.js';
import { flowLabels } from '../inbox/flow-labels.js';
import { defaultFlowId } from './automation-view.js';
import { CheckpointCard } from './CheckpointCard.js';
import { Suggestions } from './Suggestions.js';
import { useLiveEvidence } from './use-live-evidence.js';
import './automation.css';

export function AutomationPage() {
  const { flowId } = useParams();
  const navigate = useNavigate();
  const [flows, setFlows] = useState<AutomationFlow[] | null>(null);
  const [checkpoints, setCheckpoints] = useState<CheckpointAutomation[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    listAutomationFlows()
      .then(setFlows)
      .catch((e: Error) => setError(e.message));
  }, []);

  useEffect(() => {
    const first = flows && defaultFlowId(flows);
    if (!flowId && first) navigate(`/automation/${encodeURIComponent(first)}`, { replace: true });
  }, [flowId, flows, navigate]);

  // The flow on screen: an answer for the flow the manager just left (slow, or a live reload in
  // flight) must not land under the one they picked, where a level change would go to the new
  // flow's checkpoint of the same id.
  const shown = useRef(flowId);
  useEffect(() => {
    shown.current = flowId;
  }, [flowId]);
  const load = useCallback(async () => {
    if (!flowId) return;
    try {
      const list = await getAutomation(flowId);
      if (shown.current !== flowId) return;
      setCheckpoints(list);
      setError(null);
    } catch (e) {
      if (shown.current === flowId) setError((e as Error).message);
    }
  }, [flowId]);

  useEffect(() => {
    setCheckpoints(null);
    void load();
  }, [load]);
  const checkpointIds = useMemo(
    () => new Set((checkpoints ?? []).map((c) => c.nodeId)),
    [checkpoints],
  );
  useLiveEvidence(flowId, checkpointIds, load);

  const flowName = flows?.find((f) => f.id === flowId)?.name;
  // Two flows of one name read alike in the picker: each says when it was created.
  const flowNames = useMemo(() => flowLabels(flows ?? []), [flows]);
  return (
    <div className="page automation">
      <PageHeader
        title="Automation"
        subtitle="How much of each checkpoint's work the AI does on its own, and the evidence for it."
        actions={
          flows && flows.length > 0 ? (
            <label className="inline-select">
              <span>Flow</span>
              <select
                value={flowId ?? ''}
                onChange={(e) => navigate(`/automation/${encodeURIComponent(e.target.value)}`)}
              >
                {flows.map((f) => (
                  <option key={f.id} value={f.id}>
                    {flowNames.get(f.id) ?? f.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null
        }
      />
      {error && (
        <p className="notice notice-danger" role="alert">
          {error}
        </p>
      )}
      {flows && flows.length === 0 && (
        <EmptyState
          title="No flows yet"
          body="A designer creates and publishes a flow with a human checkpoint; its automation is set here."
        />
      )}
      {flowId && !checkpoints && !error && <Spinner label="Loading checkpoints" />}
      {checkpoints && checkpoints.length === 0 && (
        <EmptyState
          title={`${flowName ?? 'This flow'} has no checkpoints`}
          body="Add a human review step in the flow editor and publish the flow; it appears here."
        />
      )}
      {flowId && checkpoints && checkpoints.length > 0 && (
        <div className="checkpoints">
          {checkpoints.map((cp) => (
            <CheckpointCard
              key={cp.nodeId}
              flowId={flowId}
              checkpoint={cp}
              onChanged={(updated) =>
                setCheckpoints(
                  (list) => list?.map((c) => (c.nodeId === updated.nodeId ? updated : c)) ?? null,
                )
              }
            />
          ))}
        </div>
      )}
      {flowId && (
        <Suggestions
          flowId={flowId}
          stepNames={flows?.find((f) => f.id === flowId)?.stepNames ?? {}}
        />
      )}
    </div>
  );
}
