import type { Publication } from '@tandem/schema';
import { maskAddress, maskAddressesInText, maskAddressFields } from '@tandem/nodes';

function addressOf(request: Record<string, unknown>): string {
  const config = request.config as Record<string, unknown> | undefined;
  const url = request.url ?? config?.url;
  return typeof url === 'string' ? url : '';
}

/**
 * A publication as it leaves the server (HTTP and socket). A delivery that failed before its
 * channel answered keeps the step's settings as recorded, with the address as the designer typed
 * it: a `?token=` in a webhook URL reached every run viewer's browser. Addresses leave cut after
 * their first path segment (a Slack hook's path is its token), in the record, the target and any
 * error text; and such a delivery, recorded with no target, is named by that address, so the
 * run page can say where it was going.
 */
export function publicationForReaders(publication: Publication): Publication {
  // A library entry went nowhere: its target names the collection, and its request is content.
  if (publication.channel === 'library') return publication;
  const request = maskAddressFields(publication.request);
  const address = publication.target || addressOf(publication.request);
  return {
    ...publication,
    request,
    target: address && maskAddress(address),
    error: publication.error && maskAddressesInText(publication.error),
    attempts: publication.attempts.map((attempt) => ({
      ...attempt,
      error: attempt.error && maskAddressesInText(attempt.error),
      responseExcerpt: attempt.responseExcerpt && maskAddressesInText(attempt.responseExcerpt),
    })),
  };
}
