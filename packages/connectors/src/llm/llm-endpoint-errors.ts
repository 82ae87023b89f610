import { AppError } from '@tandem/schema';

/*
 * Errors from an LLM endpoint saved in Settings, reworded to name it and to say who can fix
 * them. A wrong address, a refused key or a model the endpoint does not have is fixed by an
 * admin in Settings → Connections, not in the flow: such errors are 'system' in origin (the run
 * page read "Fix the flow or the run's input" for a refused address). A model the step itself
 * names stays 'user': the designer picked it. Codes, retry hints and details are kept, so the
 * engine's retry policy reads them as before.
 */

export const FIX_IN_SETTINGS = 'an admin can fix it in Settings → Connections';

interface EndpointContext {
  name: string;
  connectionId: string;
  /** The model the step named, if any (else the endpoint's default answered). */
  stepModel?: string;
}

function reworded(
  error: AppError,
  message: string,
  origin: 'user' | 'system',
  connectionId: string,
): AppError {
  return new AppError({
    code: error.code,
    message,
    details: { ...error.details, connectionId },
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    origin,
    cause: error,
  });
}

const bare = (text: string): string => text.trim().replace(/[.\s]+$/, '');
const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** The error an AI step fails with when `connection`'s endpoint could not answer. */
export function endpointError(error: unknown, context: EndpointContext): unknown {
  if (!(error instanceof AppError)) return error;
  const { connectionId, stepModel } = context;
  const endpoint = `The AI endpoint "${context.name}"`;
  const status = typeof error.details.status === 'number' ? error.details.status : undefined;
  const model = typeof error.details.model === 'string' ? error.details.model : stepModel;
  switch (error.code) {
    case 'CANCELED':
    case 'LLM_OUTPUT_INVALID':
      // Not the endpoint's setup: a cancel, or an answer that does not fit the declared fields.
      return error;
    case 'URL_FORBIDDEN':
      return reworded(
        error,
        `${endpoint} has an address Tandem may not call (${lowerFirst(bare(error.message))}): ${FIX_IN_SETTINGS}.`,
        'system',
        connectionId,
      );
    case 'CONFIG_INVALID':
      return reworded(
        error,
        `${endpoint} is not set up (${lowerFirst(bare(error.message))}): ${FIX_IN_SETTINGS}.`,
        'system',
        connectionId,
      );
  }
  const server = bare(error.message.replace(/^The model server answered \d+:\s*(?:\d{3}\s+)?/, ''));
  if (status === 401 || status === 403) {
    return reworded(
      error,
      `${endpoint} refused the key (${status}: ${server}): ${FIX_IN_SETTINGS}.`,
      'system',
      connectionId,
    );
  }
  const unknownModel =
    status === 404 ||
    (status === 400 && /\bmodel\b/i.test(server) && /not|unknown|invalid/i.test(server));
  if (unknownModel) {
    const which = model ? ` "${model}"` : '';
    if (stepModel) {
      return reworded(
        error,
        `${endpoint} does not know the model${which} this step names (${status}: ${server}): choose another model in the step.`,
        'user',
        connectionId,
      );
    }
    return reworded(
      error,
      `${endpoint} does not know its model${which}, or its address is wrong (${status}: ${server}): ${FIX_IN_SETTINGS}.`,
      'system',
      connectionId,
    );
  }
  const named = error.message
    .replace(/^Could not reach the model server/, `Could not reach ${lowerFirst(endpoint)}`)
    .replace(/^The model server answered/, `${endpoint} answered`)
    .replace(/^The model did not answer in time/, `${endpoint} did not answer in time`)
    // The guarded client's own failures, as the SDK passes them on.
    .replace(/^Network error: (.*)$/s, `Could not reach ${lowerFirst(endpoint)} ($1)`)
    .replace(/^No complete answer within/, `${endpoint} gave no complete answer within`);
  const message = named === error.message ? `${endpoint} failed: ${bare(error.message)}` : named;
  return reworded(error, message, error.origin, connectionId);
}
