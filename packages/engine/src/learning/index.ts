export {
  isApproval,
  isEdited,
  selectFewShotExamples,
  truncateText,
  type FewShotExample,
  type FewShotOptions,
} from './few-shot.js';
export {
  mineCorrections,
  proposalToSuggestion,
  suggestionKey,
  type CorrectionProposal,
  type MineCorrectionsOptions,
  type SuggestionFields,
} from './corrections.js';
export {
  buildLearningPrompt,
  type LearningPrompt,
  type LearningPromptInput,
  type PromptBrandKit,
  type PromptSuggestion,
} from './learning-prompt.js';
export { fenceId, neutraliseFences, wrapUntrusted } from './untrusted.js';
export {
  learningEffect,
  type EditStats,
  type LearningEffect,
  type LearningEffectOptions,
} from './learning-effect.js';
export {
  buildPromptGuidance,
  createLearningGuidance,
  mergeAcceptedRules,
  type LearningGuidanceOptions,
  type LearningGuidanceRequest,
} from './guidance.js';
