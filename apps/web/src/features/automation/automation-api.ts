import type {
  AutomationLevel,
  Evidence,
  Feedback,
  Flow,
  Recommendation,
  Suggestion,
} from '@tandem/schema';
import { api } from '../../api/client.js';
import { itemsOf } from '../inbox/inbox-api.js';
import { CHECKPOINT_TYPE } from './automation-view.js';

/** One checkpoint as `GET /api/flows/:id/automation` describes it. */
export interface CheckpointAutomation {
  nodeId: string;
  title: string;
  level: AutomationLevel;
  sampleRate: number;
  locked: boolean;
  lockedBy?: string | null;
  lockedByName?: string | null;
  reason?: string | null;
  updatedAt?: string;
  evidence: Evidence | null;
  /** The evidence covers only the newest decisions; older ones exist and are not counted. */
  olderDecisions?: boolean;
  /** The newest decision's id: changes with every decision, unlike the windowed count. */
  newestDecisionId?: string | null;
  recommendation: Recommendation | null;
}

const enc = encodeURIComponent;

/** A flow as the console's flow picker lists it, with what its checkpoints allow. */
export interface AutomationFlow {
  id: string;
  name: string;
  /** Tells apart flows of the same name in the picker (flow-labels.ts). */
  createdAt: string;
  published: boolean;
  checkpoints: number;
  /** Checkpoints the designer has not locked at review all: the ones a manager can tune. */
  tunable: number;
  /** Step names by node id, as the designer labelled them, for text a manager reads. */
  stepNames: Record<string, string>;
}

export async function listAutomationFlows(signal?: AbortSignal): Promise<AutomationFlow[]> {
  const body = await api.get<unknown>('/api/flows', { signal });
  return itemsOf<Pick<Flow, 'id' | 'name' | 'createdAt' | 'graph' | 'publishedVersion'>>(body).map(
    (f) => {
      const checkpoints = f.graph.nodes.filter((n) => n.type === CHECKPOINT_TYPE);
      return {
        id: f.id,
        name: f.name,
        createdAt: f.createdAt,
        published: f.publishedVersion !== null,
        checkpoints: checkpoints.length,
        tunable: checkpoints.filter((n) => n.config.locked !== true).length,
        stepNames: Object.fromEntries(
          f.graph.nodes.flatMap((n) => (n.label?.trim() ? [[n.id, n.label.trim()]] : [])),
        ),
      };
    },
  );
}

export async function getAutomation(
  flowId: string,
  signal?: AbortSignal,
): Promise<CheckpointAutomation[]> {
  const body = await api.get<unknown>(`/api/flows/${enc(flowId)}/automation`, { signal });
  const list = Array.isArray(body)
    ? body
    : ((body as { checkpoints?: unknown[] })?.checkpoints ?? itemsOf(body));
  return list as CheckpointAutomation[];
}

export async function putAutomation(
  flowId: string,
  nodeId: string,
  body: { level: AutomationLevel; sampleRate?: number; reason: string },
): Promise<CheckpointAutomation> {
  return api.put<CheckpointAutomation>(`/api/flows/${enc(flowId)}/automation/${enc(nodeId)}`, body);
}

/** How many of a checkpoint's newest decisions the trend charts load: the API's page limit. */
export const TREND_DECISIONS = 500;

/** The decisions the trend charts draw, newest first; `capped` when older ones were left out. */
export interface TrendFeedback {
  items: Feedback[];
  capped: boolean;
}

export async function listFeedback(
  flowId: string,
  nodeId: string,
  signal?: AbortSignal,
): Promise<TrendFeedback> {
  const body = await api.get<unknown>('/api/feedback', {
    query: { flowId, nodeId, limit: TREND_DECISIONS },
    signal,
  });
  return {
    items: itemsOf<Feedback>(body),
    capped: typeof (body as { nextCursor?: unknown } | null)?.nextCursor === 'string',
  };
}

/** Edit figures of one side of an acceptance, as the server's learning evidence gives them. */
export interface EditStats {
  decisions: number;
  approvals: number;
  edited: number;
  editRate: number | null;
  meanEditSize: number | null;
  rejectionRate: number | null;
}

/** Evidence that an accepted suggestion helped: the AI step's edits before and after it. */
export interface SuggestionEffect {
  before: EditStats;
  after: EditStats;
  editRateChange: number | null;
  meanEditSizeChange: number | null;
  /** Both sides have enough decisions for the comparison to mean something. */
  enough: boolean;
  summary: string;
}

export type SuggestionWithEffect = Suggestion & { effect?: SuggestionEffect };

/** Open suggestions to decide, and accepted ones with the evidence of their effect. */
export async function listSuggestions(
  flowId: string,
  signal?: AbortSignal,
): Promise<SuggestionWithEffect[]> {
  const body = await api.get<unknown>('/api/suggestions', {
    query: { flowId, status: 'proposed,accepted' },
    signal,
  });
  return itemsOf<SuggestionWithEffect>(body);
}

export async function decideSuggestion(id: string, verdict: 'accept' | 'dismiss'): Promise<void> {
  await api.post(`/api/suggestions/${enc(id)}/${verdict}`);
}
