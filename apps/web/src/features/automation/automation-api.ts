import type {
  AutomationLevel,
  Evidence,
  Feedback,
  Recommendation,
  Suggestion,
} from '@tandem/schema';
import { api } from '../../api/client.js';
import { itemsOf } from '../inbox/inbox-api.js';

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
  recommendation: Recommendation | null;
}

const enc = encodeURIComponent;

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

export async function listFeedback(
  flowId: string,
  nodeId: string,
  signal?: AbortSignal,
): Promise<Feedback[]> {
  const body = await api.get<unknown>('/api/feedback', {
    query: { flowId, nodeId, limit: 500 },
    signal,
  });
  return itemsOf<Feedback>(body);
}

export async function listSuggestions(flowId: string, signal?: AbortSignal): Promise<Suggestion[]> {
  const body = await api.get<unknown>('/api/suggestions', {
    query: { flowId, status: 'proposed' },
    signal,
  });
  return itemsOf<Suggestion>(body);
}

export async function decideSuggestion(id: string, verdict: 'accept' | 'dismiss'): Promise<void> {
  await api.post(`/api/suggestions/${enc(id)}/${verdict}`);
}
