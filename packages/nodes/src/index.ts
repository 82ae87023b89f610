export type * from './ports.js';
export * from './core/define-node.js';
export * from './core/system-clock.js';
export * from './core/sha256.js';
export * from './core/template.js';
export * from './core/content.js';
export * from './core/publish-content.js';
export * from './core/mask-address.js';
export * from './catalog.js';
export * from './graph/graph-utils.js';
export * from './graph/validate-graph.js';
export {
  acceptsAnyInput,
  isAvailable,
  PUBLISH_SEES_NO_STEPS,
  runInputsOf,
  stepOutputsOf,
  templateReferences,
  unavailableReason,
} from './graph/step-references.js';
export type { AvailableValue, StepOutput } from './graph/step-references.js';
export * from './trigger-manual/input-fields.js';
export * from './trigger-manual/trigger-manual.node.js';
export * from './trigger-webhook/trigger-webhook.node.js';
export * from './trigger-webhook/webhook-address.js';
export * from './trigger-schedule/trigger-schedule.node.js';
export * from './trigger-schedule/schedule-config.js';
export { nextSlot, latestSlotBetween, slotsBetween } from './trigger-schedule/schedule-slots.js';
export { describeSchedule } from './trigger-schedule/schedule-summary.js';
export * from './trigger-schedule/published-schedule.js';
export { isTimeZone } from './trigger-schedule/zoned-time.js';
export * from './ai-generate/ai-generate.node.js';
export * from './ai-generate/output-fields.js';
export * from './ai-generate/prompt.js';
export * from './check-brand/check-brand.node.js';
export * from './check-brand/brand-rules.js';
export * from './check-budget/check-budget.node.js';
export * from './human-review/human-review.node.js';
export * from './logic-branch/logic-branch.node.js';
export * from './logic-branch/conditions.js';
export * from './publish-webhook/publish-webhook.node.js';
export * from './publish-email/publish-email.node.js';
export * from './publish-slack/publish-slack.node.js';
export * from './publish-wordpress/publish-wordpress.node.js';
export * from './publish-library/publish-library.node.js';
export * from './util-delay/util-delay.node.js';
export * from './templates/layout.js';
export * from './templates/flow-templates.js';
export * from './templates/demo-brand-kit.js';
export * from './text/index.js';
