import { isAppError } from '@tandem/schema';
import type { StorePort, Suggestion, Task } from '@tandem/schema';
import type { Clock, Logger } from '@tandem/nodes';
import { mineCorrections, proposalToSuggestion } from '@tandem/engine';
import type { AuditService } from '../audit/audit.service.js';
import { newId } from '../ids.js';

/** Decisions of one AI step looked at when mining corrections. */
const MINING_WINDOW = 200;

export interface LearningService {
  /**
   * After a decision on AI output: mines the step's recent feedback for recurring corrections
   * and stores new ones as proposed suggestions. Runs in the background; failures are logged.
   */
  afterDecision(task: Task): void;
  /** Resolves when no mining is in flight (tests, shutdown). */
  idle(): Promise<void>;
}

export function createLearningService(deps: {
  store: StorePort;
  clock: Clock;
  logger: Logger;
  audit: AuditService;
  /** Tells watchers a suggestion was proposed (pushed live to the automation console). */
  onSuggestion: (suggestion: Suggestion) => void;
}): LearningService {
  const { store, clock, logger, audit, onSuggestion } = deps;
  const inFlight = new Set<Promise<void>>();
  // One mining pass per AI step at a time; a decision arriving meanwhile asks for one more pass.
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();

  async function mine(flowId: string, nodeId: string): Promise<void> {
    const [feedback, existing, kits] = await Promise.all([
      store.feedback.list({ flowId, sourceNodeId: nodeId, limit: MINING_WINDOW }),
      store.suggestions.list({ flowId, nodeId }),
      store.brandKits.list(),
    ]);
    const proposals = mineCorrections(feedback.items, { existing, brandKit: kits[0] ?? null });
    for (const proposal of proposals) {
      const now = clock.now().toISOString();
      try {
        const created = await store.suggestions.create(
          proposalToSuggestion(proposal, { id: newId('sug'), now }),
        );
        await audit.record({
          actorId: null,
          action: 'suggestion.proposed',
          subjectType: 'suggestion',
          subjectId: created.id,
          details: { flowId, nodeId, kind: created.kind, occurrences: created.occurrences },
        });
        onSuggestion(created);
      } catch (error) {
        if (!isAppError(error, 'CONFLICT')) throw error;
      }
    }
  }

  function schedule(flowId: string, nodeId: string): void {
    const key = `${flowId}:${nodeId}`;
    if (running.has(key)) {
      again.add(key);
      return;
    }
    const pass = mine(flowId, nodeId)
      .catch((error: unknown) =>
        logger.error('Mining corrections failed', { flowId, nodeId, error }),
      )
      .finally(() => {
        running.delete(key);
        inFlight.delete(pass);
        if (again.delete(key)) schedule(flowId, nodeId);
      });
    running.set(key, pass);
    inFlight.add(pass);
  }

  return {
    afterDecision(task) {
      if (task.status !== 'decided' || !task.content.sourceNodeId) return;
      // A plain approval only counts as "kept" for terms already seen: it can lower a
      // correction's consistency but never make a new proposal, so it starts no pass. (Approvals
      // are most decisions; each pass re-reads the step's last 200 decisions.)
      if (task.decision?.action === 'approve') return;
      schedule(task.flowId, task.content.sourceNodeId);
    },
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}
