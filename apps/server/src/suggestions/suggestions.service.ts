import { conflict } from '@tandem/schema';
import type { BrandKit, StorePort, Suggestion, User } from '@tandem/schema';
import type { Clock } from '@tandem/nodes';
import type { AuditService } from '../audit/audit.service.js';
import { withEffects } from './suggestion-effect.js';
import type { SuggestionView } from './suggestion-effect.js';

export interface SuggestionsService {
  list(query: {
    flowId?: string;
    nodeId?: string;
    status?: Suggestion['status'][];
  }): Promise<SuggestionView[]>;
  decide(actor: User, id: string, verdict: 'accept' | 'dismiss'): Promise<Suggestion>;
}

/**
 * An accepted term correction goes into the brand kit, so every AI step and brand check uses it
 * from then on; an accepted prompt note is fed to the AI step it belongs to by the learning loop.
 */
function applyToBrandKit(kit: BrandKit, suggestion: Suggestion): BrandKit | null {
  if (suggestion.kind === 'preferred_term' && suggestion.use && suggestion.insteadOf) {
    const exists = kit.preferredTerms.some(
      (t) => t.insteadOf.toLowerCase() === suggestion.insteadOf!.toLowerCase(),
    );
    if (exists) return null;
    return {
      ...kit,
      preferredTerms: [
        ...kit.preferredTerms,
        { use: suggestion.use, insteadOf: suggestion.insteadOf },
      ],
    };
  }
  if (suggestion.kind === 'banned_phrase' && suggestion.phrase) {
    const phrase = suggestion.phrase;
    if (kit.bannedPhrases.some((p) => p.toLowerCase() === phrase.toLowerCase())) return null;
    return { ...kit, bannedPhrases: [...kit.bannedPhrases, phrase] };
  }
  return null;
}

export function createSuggestionsService(deps: {
  store: StorePort;
  clock: Clock;
  audit: AuditService;
}): SuggestionsService {
  const { store, clock, audit } = deps;
  return {
    list: async (query) => withEffects(store, await store.suggestions.list(query)),

    async decide(actor, id, verdict) {
      const current = await store.suggestions.get(id);
      if (current.status !== 'proposed') {
        throw conflict('Suggestion', id, `This suggestion was already ${current.status}`);
      }
      const now = clock.now().toISOString();
      const decided = await store.suggestions.update({
        ...current,
        status: verdict === 'accept' ? 'accepted' : 'dismissed',
        decidedBy: actor.id,
        decidedAt: now,
        updatedAt: now,
      });
      let brandKitId: string | null = null;
      if (verdict === 'accept') {
        const [kit] = await store.brandKits.list();
        const changed = kit ? applyToBrandKit(kit, decided) : null;
        if (changed) {
          await store.brandKits.update({ ...changed, updatedBy: actor.id, updatedAt: now });
          brandKitId = changed.id;
        }
      }
      await audit.record({
        actorId: actor.id,
        action: verdict === 'accept' ? 'suggestion.accepted' : 'suggestion.dismissed',
        subjectType: 'suggestion',
        subjectId: id,
        details: {
          flowId: decided.flowId,
          nodeId: decided.nodeId,
          kind: decided.kind,
          use: decided.use,
          insteadOf: decided.insteadOf,
          phrase: decided.phrase,
          note: decided.note,
          brandKitId,
        },
      });
      return decided;
    },
  };
}
