import type { PublicationChannel, PublicationStatus, RunStatus } from '@tandem/schema';

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
};

/**
 * A delivery that gave up in a canceled run: the cancel cut it off mid-send (the receiver may
 * have it), and the engine replays nothing of a canceled run.
 */
export const CANCELED_DELIVERY =
  'The run was canceled while this was being sent, so the receiver may or may not have it. It cannot be sent again.';

/**
 * A publication's state in words and what happens next, read with its run's. A failed delivery
 * is retried on its own, and one that gave up waits for an admin, but only while the run goes
 * on: a run canceled (or failed elsewhere) while a delivery waited for its next try retries
 * nothing, and its page kept saying "Failed, retrying … Tandem will try again on its own".
 */
export function publicationState(
  status: PublicationStatus,
  runStatus: RunStatus,
): { label: string; hint: string | null; tone: 'success' | 'danger' | 'info' | 'neutral' } {
  const ended = runStatus !== 'running' && runStatus !== 'waiting';
  const canceled = runStatus === 'canceled';
  if (status === 'succeeded') return { label: 'Delivered', hint: null, tone: 'success' };
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
  if (status === 'dead')
    return {
      label: PUBLICATION_STATUS_LABELS.dead,
      hint: canceled
        ? CANCELED_DELIVERY
        : 'Nothing more will be tried on its own. Once the receiving side works again, an admin can send it again from Dead letters on the Runs page; it will not be published twice.',
      tone: 'danger',
    };
  return { label: PUBLICATION_STATUS_LABELS[status], hint: null, tone: 'info' };
}
