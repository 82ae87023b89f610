import { AppError, BrandKitSchema, conflict, isAppError } from '@tandem/schema';
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

/** Tries to write a kit change; each retry reads the kit again (the change is additive). */
const KIT_WRITE_ATTEMPTS = 3;

/** Refuses, before anything is written, a change the brand kit cannot hold (a list is full). */
function assertKitTakes(changed: BrandKit): void {
  const result = BrandKitSchema.safeParse(changed);
  if (result.success) return;
  throw new AppError({
    code: 'CONFLICT',
    message: 'The brand kit has no room for this suggestion; remove an entry from it first',
    details: {
      issues: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    },
  });
}

/**
 * Writes `changed`, the kit with the suggestion in it; returns the kit's id, or null when
 * nothing was to add. An admin's save since the read is a conflict: read the kit again
 * (`kitChange`) and add to their version.
 */
async function writeKitChange(
  store: StorePort,
  changed: BrandKit | null,
  kitChange: () => Promise<BrandKit | null>,
): Promise<string | null> {
  let next = changed;
  for (let attempt = 1; next; attempt += 1) {
    try {
      await store.brandKits.update(next);
      return next.id;
    } catch (error) {
      if (!isAppError(error, 'CONFLICT') || attempt === KIT_WRITE_ATTEMPTS) throw error;
    }
    next = await kitChange();
  }
  return null;
}

export function createSuggestionsService(deps: {
  store: StorePort;
  clock: Clock;
  audit: AuditService;
  /** Tells watchers a suggestion changed (pushed live to the automation console). */
  onChanged: (suggestion: Suggestion) => void;
}): SuggestionsService {
  const { store, clock, audit, onChanged } = deps;
  return {
    list: async (query) => withEffects(store, await store.suggestions.list(query)),

    async decide(actor, id, verdict) {
      const current = await store.suggestions.get(id);
      if (current.status !== 'proposed') {
        throw conflict('Suggestion', id, `This suggestion was already ${current.status}`);
      }
      const now = clock.now().toISOString();
      /** The kit with the suggestion in it, or null when there is nothing to add. */
      const kitChange = async () => {
        const [kit] = await store.brandKits.list();
        const changed = kit ? applyToBrandKit(kit, current) : null;
        return changed && { ...changed, updatedBy: actor.id, updatedAt: now };
      };
      // Checked before the suggestion is marked: an accepted suggestion whose change could not
      // be written was lost for good (deciding it again is refused).
      const changed = verdict === 'accept' ? await kitChange() : null;
      if (changed) assertKitTakes(changed);
      const decided = await store.suggestions.update({
        ...current,
        status: verdict === 'accept' ? 'accepted' : 'dismissed',
        decidedBy: actor.id,
        decidedAt: now,
        updatedAt: now,
      });
      const brandKitId = await writeKitChange(store, changed, kitChange);
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
      onChanged(decided);
      return decided;
    },
  };
}
