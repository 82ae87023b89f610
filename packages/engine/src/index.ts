export { createEngine } from './engine.js';
export type * from './engine.types.js';
export { chooseCheckpointPath, LEVEL_ORDER, nextLevel } from './automation-policy.js';
export type { CheckpointPath, CheckpointSituation } from './automation-policy.js';
export {
  evidenceByPromptVersion,
  computeEvidence,
  recommendLevel,
  isHeavyEdit,
  DEFAULT_EVIDENCE_THRESHOLDS,
} from './evidence.js';
export type { EvidenceThresholds } from './evidence.js';
export { retryDelayMs, shouldRetry, DEFAULT_RETRY_POLICY } from './retry-policy.js';
export type { RetryPolicy } from './retry-policy.js';
export { ALREADY_APPROVED_MESSAGE, approveBlockedReason, hasApproved } from './approval-rules.js';
export { redactConfig } from './publish-guard.js';
export { canDecide } from './task-actions.js';
export { runOutcomeOf } from './run-outcome.js';
export { createFakeClock, createSeededRandom } from './testing/fake-clock.js';
export type { FakeClock } from './testing/fake-clock.js';
export * from './learning/index.js';
export * from './queue/index.js';
