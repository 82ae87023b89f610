/** What `/api/health` says about the AI model; tolerant of the shapes the server may use. */
export interface AiStatus {
  offline: boolean;
  model?: string;
}

export function readAiStatus(health: unknown): AiStatus {
  const ai = (health as { ai?: unknown } | null)?.ai;
  if (typeof ai === 'string') return { offline: ai === 'offline' };
  if (ai && typeof ai === 'object') {
    const a = ai as { mode?: string; status?: string; offline?: boolean; model?: string };
    const offline = a.offline === true || a.mode === 'offline' || a.status === 'offline';
    return { offline, model: a.model };
  }
  return { offline: false };
}
