import {
  wasCanceledBeforeSending,
  type Publication,
  type PublicationChannel,
  type PublicationStatus,
  type RunStatus,
} from '@tandem/schema';

/** A publication's state in words; `dead` is the engine's name for "gave up retrying". */
export const PUBLICATION_STATUS_LABELS: Record<PublicationStatus, string> = {
  pending: 'Not sent yet',
  sending: 'Sending',
  succeeded: 'Delivered',
  failed: 'Failed, retrying',
  dead: 'Gave up',
};

/** Where a publication went, in the words of the step palette rather than the engine's ids. */
export const CHANNEL_LABELS: Record<PublicationChannel, string> = {
  webhook: 'Webhook',
  email: 'Email',
  slack: 'Slack',
  wordpress: 'WordPress',
  library: 'Content library',
};

/**
 * Why a publication of a canceled run gave up, told apart by what the engine recorded: a cancel
 * that cut off a send (the receiver may have it) or one that settled it before it was sent. Of
 * those, only one with no earlier attempt certainly reached nobody: a failed attempt may still
 * have arrived (a timeout, an answer lost on the way back). Nothing of a canceled run is replayed.
 */
export function canceledDeliveryHint(
  publication: Pick<Publication, 'status' | 'error' | 'attempts'>,
) {
  if (!wasCanceledBeforeSending(publication))
    return 'The run was canceled while this was being sent, so the receiver may or may not have it. It cannot be sent again.';
  if (publication.attempts.length === 0)
    return 'The run was canceled before this was sent; nothing reached the receiver. It cannot be sent again.';
  return 'The run was canceled before Tandem tried again, so it was not sent again. An earlier attempt failed, yet the receiver may still have it (see the attempts). It cannot be sent again.';
}

/**
 * A publication's state in words and what happens next, read with its run's. A failed delivery
 * is retried on its own, and one that gave up waits for an admin, but only while the run goes
 * on: a run canceled (or failed elsewhere) while a delivery waited for its next try retries
 * nothing, and its page kept saying "Failed, retrying … Tandem will try again on its own".
 */
export function publicationState(
  publication: Pick<Publication, 'status' | 'error' | 'attempts'> &
    Partial<Pick<Publication, 'channel'>>,
  runStatus: RunStatus,
): { label: string; hint: string | null; tone: 'success' | 'danger' | 'info' | 'neutral' } {
  const { status } = publication;
  const ended = runStatus !== 'running' && runStatus !== 'waiting';
  const canceled = runStatus === 'canceled';
  if (status === 'succeeded')
    return {
      label: publication.channel === 'library' ? 'Saved' : 'Delivered',
      hint: null,
      tone: 'success',
    };
  if (ended && (status === 'failed' || status === 'pending')) {
    return {
      label: 'Not sent',
      hint: canceled
        ? 'The run was canceled before Tandem tried again, so this was not sent.'
        : 'The run ended before Tandem tried again, so this was not sent.',
      tone: canceled ? 'neutral' : 'danger',
    };
  }
  if (status === 'failed')
    return {
      label: PUBLICATION_STATUS_LABELS.failed,
      hint: 'Tandem will try again on its own; nothing is sent twice.',
      tone: 'danger',
    };
  // Settled by the cancel before it went out: no delivery gave up, it simply was not sent.
  if (canceled && wasCanceledBeforeSending(publication))
    return { label: 'Not sent', hint: canceledDeliveryHint(publication), tone: 'neutral' };
  if (status === 'dead')
    return {
      label: PUBLICATION_STATUS_LABELS.dead,
      hint: canceled
        ? canceledDeliveryHint(publication)
        : 'Nothing more will be tried on its own. Once the receiving side works again, an admin can send it again from Dead letters on the Runs page; it will not be published twice.',
      tone: 'danger',
    };
  return { label: PUBLICATION_STATUS_LABELS[status], hint: null, tone: 'info' };
}
