import { createHash } from 'node:crypto';
import { isAppError } from '@tandem/schema';
import type {
  NotificationDelivery,
  NotificationPreference,
  NotificationSettings,
  StorePort,
  Task,
  User,
} from '@tandem/schema';
import type { Clock, Logger } from '@tandem/nodes';
import type { NotificationEmail } from '@tandem/connectors';
import type { Access } from '../auth/access.js';
import { periodicPass } from '../periodic-pass.js';
import { waitsOn } from '../tasks/tasks.service.js';
import { renderReviewEmail, type ReviewEmailItem } from './review-email.js';

/**
 * Tasks are gathered per batch window and a user gets at most one email per window. Five
 * minutes keeps a burst (a flow fanning out to ten checkpoints) in one email instead of ten,
 * while a reviewer still hears of waiting work well before a typical due time of hours.
 */
export const NOTIFY_BATCH_MS = 5 * 60_000;

/** How often the notifier looks: a closed window's email goes out at most this long after. */
export const NOTIFY_TICK_MS = 30_000;

/**
 * After a restart, windows closed up to this long ago still get their email; older work is
 * left to the inbox and to escalation, so a long outage does not end in a flood of old news.
 */
export const NOTIFY_LOOKBACK_MS = 60 * 60_000;

/**
 * One pass reads every open task of the lookback hour (no cap: a cap would drop the newest
 * work from emails when an old backlog fills it), a page at a time.
 */
const STORE_PAGE = 500;

/** How many task ids a delivery records (NotificationDeliverySchema's bound). */
const MAX_RECORDED_TASKS = 1_000;

/** Tasks read again at once before an email goes out. */
const FIND_BATCH = 50;

/**
 * The delivery id of one user's email for one window. The store refuses a second delivery
 * with the same id, in every process and after a restart: that is what sends each email once.
 */
export function notificationDeliveryId(userId: string, windowStart: number): string {
  const windowIso = new Date(windowStart).toISOString();
  const digest = createHash('sha256').update(`${userId}\n${windowIso}`).digest('hex');
  return `nd_${digest.slice(0, 40)}`;
}

export type SendNotification = (connectionId: string, email: NotificationEmail) => Promise<unknown>;

export interface ReviewNotifier {
  /** One pass; resolves with the ids of the deliveries it sent. */
  tick(): Promise<string[]>;
  start(): void;
  /** Stops ticking and waits for the pass under way. */
  stop(): Promise<void>;
}

interface Recipient {
  user: User;
  preference: NotificationPreference;
}

/**
 * Emails reviewers who opted in about new tasks they may decide. It polls the store rather
 * than listening to the engine's `task.created`: the engine's hot path does no notification
 * work, a task created in a worker process (Redis queue) is seen by whichever process runs the
 * notifier, and work created while no process ran is still found after a restart.
 *
 * Exactly once per user and window: the delivery is claimed in the store (a deterministic id,
 * CONFLICT for the second claimer) before the email is sent. A crash between the claim and the
 * send loses that one email rather than sending it twice; the inbox still has the tasks.
 */
export function createReviewNotifier(deps: {
  store: StorePort;
  access: Pick<Access, 'canDecide'>;
  clock: Clock;
  logger: Logger;
  send: SendNotification;
  tickMs?: number;
}): ReviewNotifier {
  const { store, access, clock, logger, send } = deps;
  const tickMs = deps.tickMs ?? NOTIFY_TICK_MS;

  /** Open tasks of real runs created in windows that have closed, within the lookback. */
  async function newTasks(from: number, until: number): Promise<Task[]> {
    const found: Task[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.tasks.list({
        status: ['open'],
        test: false,
        createdFrom: new Date(from).toISOString(),
        createdBefore: new Date(until).toISOString(),
        limit: STORE_PAGE,
        ...(cursor ? { cursor } : {}),
      });
      found.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return found;
  }

  async function recipients(): Promise<Recipient[]> {
    const out: Recipient[] = [];
    for (const preference of await store.notificationPreferences.listOptedIn()) {
      const user = await store.users.find(preference.id);
      if (!user || user.disabled) continue;
      out.push({ user, preference });
    }
    return out;
  }

  /** Claims each window's delivery; returns the windows this process won, oldest first. */
  async function claim(
    userId: string,
    windows: Map<number, Task[]>,
    now: string,
  ): Promise<{ delivery: NotificationDelivery; tasks: Task[] }[]> {
    const won: { delivery: NotificationDelivery; tasks: Task[] }[] = [];
    for (const [windowStart, tasks] of [...windows].sort((a, b) => a[0] - b[0])) {
      const id = notificationDeliveryId(userId, windowStart);
      if (await store.notificationDeliveries.find(id)) continue;
      try {
        const delivery = await store.notificationDeliveries.create({
          id,
          userId,
          windowStart: new Date(windowStart).toISOString(),
          status: 'claimed',
          // The record's list is bounded; a larger burst keeps its first (soonest due) ids.
          taskIds: tasks.slice(0, MAX_RECORDED_TASKS).map((t) => t.id),
          createdAt: now,
          sentAt: null,
          error: null,
          revision: 0,
        });
        won.push({ delivery, tasks });
      } catch (error) {
        // Another process (or this one before a restart) claimed this window first.
        if (!isAppError(error, 'CONFLICT')) throw error;
      }
    }
    return won;
  }

  /**
   * The tasks still open and still the user's, read again right before sending, soonest due
   * first (no due time last): windows missed together list their most urgent work first.
   */
  async function stillWaiting(user: User, tasks: readonly Task[]): Promise<Task[]> {
    const current: (Task | null)[] = [];
    // A few reads at a time: a burst of thousands must not open thousands of queries at once.
    for (let i = 0; i < tasks.length; i += FIND_BATCH) {
      const batch = tasks.slice(i, i + FIND_BATCH);
      current.push(...(await Promise.all(batch.map((t) => store.tasks.find(t.id)))));
    }
    return current
      .filter((t): t is Task => t !== null && t.status === 'open' && waitsOn(access, user, t))
      .sort(
        (a, b) =>
          (a.dueAt === null ? Infinity : Date.parse(a.dueAt)) -
            (b.dueAt === null ? Infinity : Date.parse(b.dueAt)) ||
          a.createdAt.localeCompare(b.createdAt),
      );
  }

  async function finish(
    deliveries: readonly NotificationDelivery[],
    change: Pick<NotificationDelivery, 'status' | 'sentAt' | 'error'>,
  ): Promise<void> {
    for (const delivery of deliveries) {
      await store.notificationDeliveries.update({ ...delivery, ...change });
    }
  }

  async function notify(
    recipient: Recipient,
    tasks: readonly Task[],
    settings: NotificationSettings & { connectionId: string; baseUrl: string },
    flowName: (flowId: string) => Promise<string>,
  ): Promise<string | null> {
    const { user, preference } = recipient;
    const enabledAt = preference.enabledAt ? Date.parse(preference.enabledAt) : Infinity;
    const windows = new Map<number, Task[]>();
    for (const task of tasks) {
      const created = Date.parse(task.createdAt);
      // Work that was already waiting when the user opted in is not news to email about.
      if (created < enabledAt || !waitsOn(access, user, task)) continue;
      const windowStart = Math.floor(created / NOTIFY_BATCH_MS) * NOTIFY_BATCH_MS;
      windows.set(windowStart, [...(windows.get(windowStart) ?? []), task]);
    }
    if (windows.size === 0) return null;
    const claimed = await claim(user.id, windows, clock.now().toISOString());
    if (claimed.length === 0) return null;
    const deliveries = claimed.map((c) => c.delivery);
    // Windows missed while no process ran go out together: one email, not one per window.
    const waiting = await stillWaiting(
      user,
      claimed.flatMap((c) => c.tasks),
    );
    if (waiting.length === 0) {
      await finish(deliveries, { status: 'skipped', sentAt: null, error: null });
      return null;
    }
    const items: ReviewEmailItem[] = [];
    for (const task of waiting) items.push({ task, flowName: await flowName(task.flowId) });
    const newest = deliveries.at(-1)!;
    const email = renderReviewEmail({
      recipientName: user.name,
      baseUrl: settings.baseUrl,
      items,
      ...(preference.timeZone ? { timeZone: preference.timeZone } : {}),
    });
    try {
      await send(settings.connectionId, { ...email, to: user.email, idempotencyKey: newest.id });
    } catch (error) {
      // Not retried: the claim is spent and a retry could not tell whether the mail server
      // kept the first try; the tasks are still in the inbox and escalate when due.
      const message = error instanceof Error ? error.message.slice(0, 500) : 'Sending failed';
      // The user id only: the address is personal data the log does not need.
      logger.warn('A review notification could not be sent', {
        userId: user.id,
        deliveryId: newest.id,
        code: isAppError(error) ? error.code : null,
        // Not `message`: that field is the log line's own.
        reason: message,
      });
      await finish(deliveries, { status: 'failed', sentAt: null, error: message });
      return null;
    }
    await finish(deliveries, { status: 'sent', sentAt: clock.now().toISOString(), error: null });
    logger.info('Review notification sent', {
      userId: user.id,
      deliveryId: newest.id,
      tasks: waiting.length,
    });
    return newest.id;
  }

  /**
   * Where this process's next pass starts reading: the lookback after a start, then the last
   * window it handled (read once more for tasks committed just after it closed). Windows
   * before it are claimed or had nothing to send; reading them again every 30 s was the whole
   * lookback hour's tasks each time.
   */
  let readFrom = -Infinity;

  async function tick(): Promise<string[]> {
    const settings = await store.notificationSettings.find();
    if (!settings?.connectionId || !settings.baseUrl) return [];
    const ready = { ...settings, connectionId: settings.connectionId, baseUrl: settings.baseUrl };
    const people = await recipients();
    if (people.length === 0) return [];
    const now = clock.now().getTime();
    // Only closed windows: a window still open may get more tasks for the same email.
    const until = Math.floor(now / NOTIFY_BATCH_MS) * NOTIFY_BATCH_MS;
    const tasks = await newTasks(Math.max(until - NOTIFY_LOOKBACK_MS, readFrom), until);
    const handledUntil = until - NOTIFY_BATCH_MS;
    if (tasks.length === 0) {
      readFrom = handledUntil;
      return [];
    }
    const names = new Map<string, Promise<string>>();
    const flowName = (flowId: string) => {
      let name = names.get(flowId);
      if (!name) {
        name = store.flows.find(flowId).then((f) => f?.name ?? 'A deleted flow');
        names.set(flowId, name);
      }
      return name;
    };
    const sent: string[] = [];
    let allHandled = true;
    for (const person of people) {
      try {
        const id = await notify(person, tasks, ready, flowName);
        if (id) sent.push(id);
      } catch (error) {
        allHandled = false;
        logger.error('Review notifications for a user failed', { userId: person.user.id, error });
      }
    }
    // A user whose pass failed gets the whole lookback again next time.
    if (allHandled) readFrom = handledUntil;
    return sent;
  }

  const periodic = periodicPass(tick, { tickMs, logger, failure: 'The notification pass failed' });
  return { tick, start: periodic.start, stop: periodic.stop };
}
