import { describe, expect, it } from 'vitest';
import { createAuditService } from '../audit/audit.service.js';
import { createNotificationsService } from './notifications.service.js';
import { notificationDeliveryId } from './review-notifier.js';
import {
  BASE_URL,
  clock,
  inWindow,
  logLines,
  notifierOn,
  received,
  recipients,
  refuseRecipients,
  SMTP_PASSWORD,
  stores,
  task,
  useReviewNotifierSetUp,
  WINDOW,
} from './review-notifier-fixtures.js';

/* Who a review email goes to, what it says, and what it leaves out or keeps private. */

useReviewNotifierSetUp();

describe('review notifications', () => {
  it('emails an opted-in reviewer once, listing both tasks of the window, with inbox links', async () => {
    const store = stores[0]!;
    await store.tasks.create(task('tsk_a', { createdAt: inWindow(1) }));
    await store.tasks.create(task('tsk_b', { createdAt: inWindow(3) }));
    const notifier = notifierOn(store);

    // The window is still open: more tasks may join it, nothing goes out yet.
    clock.set(inWindow(4));
    expect(await notifier.tick()).toEqual([]);
    expect(received).toHaveLength(0);

    clock.set(inWindow(5.5));
    const sent = await notifier.tick();
    expect(sent).toHaveLength(1);
    // u_quiet opted out; u_designer opted in but may not decide reviewer tasks.
    expect(recipients()).toEqual(['u_rev@example.com']);
    const mail = received[0]!;
    expect(mail.subject).toBe('2 reviews wait for you in Tandem');
    expect(mail.text).toContain('Review tsk_a');
    expect(mail.text).toContain('Review tsk_b');
    expect(mail.text).toContain('Spring launch');
    expect(mail.text).toContain('Due 5 Jan 2026, 15:00 UTC');
    expect(mail.text).toContain(`${BASE_URL}/inbox/tsk_a`);
    expect(mail.html).toContain(`href="${BASE_URL}/inbox/tsk_b"`);
    // Links open the task; nothing in the email decides it.
    expect(mail.text).not.toMatch(/decision|approve/i);

    // The next pass, and a later one, find the window claimed.
    expect(await notifier.tick()).toEqual([]);
    clock.set(inWindow(11));
    expect(await notifier.tick()).toEqual([]);
    expect(received).toHaveLength(1);
    expect(await store.notificationDeliveries.find(sent[0]!)).toMatchObject({
      userId: 'u_rev',
      status: 'sent',
      taskIds: ['tsk_a', 'tsk_b'],
    });
  });

  it('leaves out a task decided before the email goes out, and test-run tasks always', async () => {
    const store = stores[0]!;
    await store.tasks.create(task('tsk_open'));
    const decided = await store.tasks.create(task('tsk_done', { createdAt: inWindow(2) }));
    await store.tasks.create(task('tsk_test', { test: true }));
    await store.tasks.update({
      ...decided,
      status: 'decided',
      decidedAt: inWindow(4),
      decision: { action: 'approve', tags: [], actorId: 'u_admin', at: inWindow(4) },
    });
    clock.set(inWindow(6));
    await notifierOn(store).tick();
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe('A review waits for you: Review tsk_open');
    expect(received[0]!.text).not.toContain('tsk_done');
    expect(received[0]!.text).not.toContain('tsk_test');
  });

  it('sends nothing when every task is gone by then, and nothing for a test run', async () => {
    const store = stores[0]!;
    await store.tasks.create(task('tsk_test', { test: true }));
    clock.set(inWindow(6));
    expect(await notifierOn(store).tick()).toEqual([]);
    expect(received).toHaveLength(0);
  });

  it('emails a user a task names directly, whatever their roles', async () => {
    const store = stores[0]!;
    await store.tasks.create(
      task('tsk_named', { assignees: { roles: ['manager'], userIds: ['u_designer'] } }),
    );
    clock.set(inWindow(6));
    await notifierOn(store).tick();
    expect(recipients()).toEqual(['u_designer@example.com']);
  });

  it('sends nothing without a chosen connection (notifications are off)', async () => {
    const store = stores[0]!;
    const settings = (await store.notificationSettings.find())!;
    await store.notificationSettings.put({ ...settings, connectionId: null });
    await store.tasks.create(task('tsk_a'));
    clock.set(inWindow(6));
    expect(await notifierOn(store).tick()).toEqual([]);
    expect(received).toHaveLength(0);
  });

  it('gives due times in the zone the reviewer saved with their choice, named', async () => {
    const store = stores[0]!;
    const service = createNotificationsService({ store, clock, audit: createAuditService(store) });
    const reviewer = await store.users.get('u_rev');
    await service.savePreference(reviewer, { reviewEmails: true, timeZone: 'Europe/Paris' });
    await store.tasks.create(task('tsk_a', { createdAt: inWindow(1) }));
    clock.set(inWindow(6));
    await notifierOn(store).tick();
    expect(received).toHaveLength(1);
    expect(received[0]!.text).toContain('Due 5 Jan 2026, 16:00 CET');
    expect(received[0]!.html).toContain('Due 5 Jan 2026, 16:00 CET');
  });

  it('does not email work that was already waiting when the user opted in', async () => {
    const store = stores[0]!;
    await store.tasks.create(task('tsk_old', { createdAt: inWindow(1) }));
    // u_quiet opts in at minute 2, after tsk_old; tsk_new comes after.
    clock.set(inWindow(2));
    const service = createNotificationsService({ store, clock, audit: createAuditService(store) });
    await service.savePreference(await store.users.get('u_quiet'), { reviewEmails: true });
    await store.tasks.create(task('tsk_new', { createdAt: inWindow(3) }));
    clock.set(inWindow(6));
    await notifierOn(store).tick();
    const quiet = received.find((m) => (m.to as { text: string }).text === 'u_quiet@example.com');
    expect(quiet?.text).toContain('tsk_new');
    expect(quiet?.text).not.toContain('tsk_old');
  });

  it('records a refused send as failed, does not retry it, and keeps the password out of logs and store', async () => {
    const store = stores[0]!;
    await store.tasks.create(task('tsk_a'));
    refuseRecipients(true);
    clock.set(inWindow(6));
    const notifier = notifierOn(store);
    expect(await notifier.tick()).toEqual([]);
    refuseRecipients(false);
    expect(await notifier.tick()).toEqual([]);
    expect(received).toHaveLength(0);

    const delivery = await store.notificationDeliveries.find(
      notificationDeliveryId('u_rev', WINDOW),
    );
    expect(delivery).toMatchObject({ status: 'failed', sentAt: null });
    expect(delivery!.error).toMatch(/Mailbox unavailable/);
    expect(delivery!.error).not.toContain(SMTP_PASSWORD);
    expect(logLines.join('\n')).toMatch(/could not be sent/);
    expect(logLines.join('\n')).not.toContain(SMTP_PASSWORD);
    // The address is personal data the log does not need: the user id says who.
    expect(logLines.join('\n')).not.toContain('u_rev@example.com');
  });
});
