import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StorePort, Task, UserRecord } from '@tandem/schema';
import {
  createConnectionResolver,
  createSafeHttpClient,
  createSecretBox,
  generateSecretKey,
  sealConnectionSecrets,
  sendNotificationEmail,
  type PublisherOptions,
  type SafeHttpClient,
} from '@tandem/connectors';
import { canDecide, createFakeClock, type FakeClock } from '@tandem/engine';
import { openSqliteStore } from '@tandem/store';
import { createAccess } from '../auth/access.js';
import { openTask } from '../testing/fixtures.js';
import { createLogger } from '../logger.js';
import { createNotificationsService } from './notifications.service.js';
import { createAuditService } from '../audit/audit.service.js';
import {
  createReviewNotifier,
  notificationDeliveryId,
  NOTIFY_BATCH_MS,
  type ReviewNotifier,
} from './review-notifier.js';

/*
 * The notifier over a real SQLite store, sending through the connectors' SMTP code to a real
 * SMTP server (smtp-server) on 127.0.0.1; every message it accepts is parsed with mailparser.
 */

let smtp: SMTPServer;
let smtpPort = 0;
const received: ParsedMail[] = [];
const SMTP_PASSWORD = 'smtp-Pa55word-for-notify-tests';
/** When set, the server refuses every recipient, quoting the password as some servers do. */
let refuseRecipients = false;

beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === SMTP_PASSWORD)
        return callback(null, { user: 'mailer' });
      return callback(Object.assign(new Error('Invalid login'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      if (!refuseRecipients) return callback();
      return callback(
        Object.assign(new Error(`Mailbox unavailable (auth was ${SMTP_PASSWORD})`), {
          responseCode: 550,
        }),
      );
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp as unknown as { server: { address(): AddressInfo } }).server.address().port;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(resolve)));

/** Window of 09:00–09:05 on the fake clock's day; tasks below are created inside it. */
const WINDOW = Date.parse('2026-01-05T09:00:00.000Z');
const inWindow = (minute: number) => new Date(WINDOW + minute * 60_000).toISOString();
const BASE_URL = 'https://tandem.example.com';

let dataDir: string;
let stores: StorePort[];
let http: SafeHttpClient;
let clock: FakeClock;
const box = createSecretBox(generateSecretKey());

function user(id: string, roles: UserRecord['roles']): UserRecord {
  return {
    id,
    email: `${id}@example.com`,
    name: `Person ${id}`,
    roles,
    disabled: false,
    createdAt: inWindow(-60),
    updatedAt: inWindow(-60),
    revision: 0,
    passwordHash: 'scrypt$abc$def',
  };
}

function task(id: string, over: Partial<Task> = {}): Task {
  return openTask({
    id,
    title: `Review ${id}`,
    createdAt: inWindow(1),
    updatedAt: inWindow(1),
    dueAt: '2026-01-05T15:00:00.000Z',
    ...over,
  });
}

function open(): StorePort {
  const store = openSqliteStore({ dataDir });
  stores.push(store);
  return store;
}

/** Every log line of every notifier, as the server's logger writes it. */
let logLines: string[];

/** A notifier as the server wires it, on `store`. */
function notifierOn(store: StorePort): ReviewNotifier {
  const logger = createLogger('debug', (line) => logLines.push(line));
  const options: PublisherOptions = {
    http,
    resolveConnection: createConnectionResolver({ connections: store.connections, secretBox: box }),
    logger,
    clock,
  };
  return createReviewNotifier({
    store,
    access: createAccess(store, { canDecide }),
    clock,
    logger,
    send: (connectionId, email) => sendNotificationEmail(connectionId, email, options),
  });
}

/** The SMTP connection, the workspace settings, people and their choices, the flow. */
async function setUp(store: StorePort): Promise<void> {
  const now = inWindow(-60);
  await store.connections.create({
    id: 'conn_mail',
    kind: 'smtp',
    name: 'Team mail',
    settings: {
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      // This test server offers no encryption; the opt-in lets the password go to it.
      allowPlainAuth: true,
      username: 'mailer',
      from: 'tandem@example.com',
    },
    secretsCiphertext: sealConnectionSecrets(box, 'conn_mail', { password: SMTP_PASSWORD }),
    disabled: false,
    disabledReason: null,
    createdAt: now,
    updatedAt: now,
    revision: 0,
  });
  await store.users.create(user('u_admin', ['admin']));
  const admin = await store.users.get('u_admin');
  const service = createNotificationsService({ store, clock, audit: createAuditService(store) });
  await service.saveSettings(admin, { revision: 0, connectionId: 'conn_mail', baseUrl: BASE_URL });
  for (const [id, roles, on] of [
    ['u_rev', ['reviewer'], true],
    ['u_quiet', ['reviewer'], false],
    ['u_designer', ['designer'], true],
  ] as const) {
    const record = await store.users.create(user(id, [...roles]));
    await service.savePreference(record, { reviewEmails: on });
  }
  const flowAt = inWindow(-60);
  await store.flows.create({
    id: 'flw_1',
    name: 'Spring launch',
    description: '',
    graph: { nodes: [], edges: [] },
    publishedVersion: null,
    createdBy: 'u_admin',
    createdAt: flowAt,
    updatedBy: 'u_admin',
    updatedAt: flowAt,
    revision: 0,
  });
}

const recipients = () => received.map((m) => (m.to as { text: string }).text).sort();

beforeEach(async () => {
  received.length = 0;
  logLines = [];
  refuseRecipients = false;
  dataDir = mkdtempSync(join(tmpdir(), 'tandem-notify-'));
  stores = [];
  http = createSafeHttpClient({ allowPrivateNetwork: true });
  // Opted in before the window's tasks; the window closes at 09:05.
  clock = createFakeClock(inWindow(-30));
  await setUp(open());
  clock.set(inWindow(0));
});

afterEach(async () => {
  for (const store of stores) await store.close();
  http.close();
  rmSync(dataDir, { recursive: true, force: true });
});

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

  /** Creates `tasks` in batches, as a busy engine would. */
  async function createAll(store: StorePort, tasks: Task[]): Promise<void> {
    for (let i = 0; i < tasks.length; i += 500) {
      await Promise.all(tasks.slice(i, i + 500).map((t) => store.tasks.create(t)));
    }
  }

  it('finds new work behind a backlog of older open tasks due sooner', async () => {
    const store = stores[0]!;
    // Older open work, due before the new task: first in the inbox order. A notifier that
    // walked that order with a cap of 5,000 never reached the new task.
    await createAll(
      store,
      Array.from({ length: 5_001 }, (_, i) =>
        task(`tsk_old_${i}`, { createdAt: inWindow(-90), dueAt: '2026-01-05T10:00:00.000Z' }),
      ),
    );
    await store.tasks.create(task('tsk_new', { createdAt: inWindow(2), dueAt: null }));
    clock.set(inWindow(6));
    expect(await notifierOn(store).tick()).toHaveLength(1);
    expect(received.map((m) => m.subject)).toEqual(['A review waits for you: Review tsk_new']);
  });

  it('sends one readable email for a burst of 1,200 tasks: the soonest due listed, the rest counted', async () => {
    const store = stores[0]!;
    await createAll(
      store,
      Array.from({ length: 1_200 }, (_, i) =>
        task(`tsk_burst_${String(i).padStart(4, '0')}`, {
          createdAt: inWindow(1 + i / 1_000),
          // Due later the later they came, so the first created are the first listed.
          dueAt: new Date(Date.parse('2026-01-05T12:00:00.000Z') + i * 60_000).toISOString(),
        }),
      ),
    );
    clock.set(inWindow(6));
    const sent = await notifierOn(store).tick();
    expect(sent).toHaveLength(1);
    expect(logLines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    const mail = received[0]!;
    expect(mail.subject).toBe('1200 reviews wait for you in Tandem');
    const listed = mail.text!.match(/\/inbox\/tsk_burst_\d+/g) ?? [];
    expect(listed).toHaveLength(25);
    expect(listed[0]).toBe('/inbox/tsk_burst_0000');
    expect(listed[24]).toBe('/inbox/tsk_burst_0024');
    expect(mail.text).toContain('…and 1175 more wait in your inbox.');
    expect(mail.html).toContain('<p>…and 1175 more wait in your inbox.</p>');
    const delivery = await store.notificationDeliveries.find(sent[0]!);
    expect(delivery?.status).toBe('sent');
    expect(delivery?.taskIds).toHaveLength(1_000);
    expect(delivery?.taskIds[0]).toBe('tsk_burst_0000');
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

  it('does not send again after a restart (a new notifier over the same store)', async () => {
    await stores[0]!.tasks.create(task('tsk_a'));
    clock.set(inWindow(6));
    expect(await notifierOn(stores[0]!).tick()).toHaveLength(1);
    await stores[0]!.close();
    stores.shift();

    const reopened = open();
    expect(await notifierOn(reopened).tick()).toEqual([]);
    clock.set(inWindow(20));
    expect(await notifierOn(reopened).tick()).toEqual([]);
    expect(received).toHaveLength(1);
  });

  it('sends once when two notifiers (two processes) share one SQLite store', async () => {
    await stores[0]!.tasks.create(task('tsk_a'));
    await stores[0]!.tasks.create(task('tsk_b', { createdAt: inWindow(2) }));
    const other = open();
    clock.set(inWindow(6));
    const [a, b] = await Promise.all([notifierOn(stores[0]!).tick(), notifierOn(other).tick()]);
    expect([...a, ...b]).toHaveLength(1);
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe('2 reviews wait for you in Tandem');
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

  it('reads the whole lookback hour once, then from the last window it handled', async () => {
    const store = stores[0]!;
    await store.tasks.create(task('tsk_a'));
    const asked: (string | undefined)[] = [];
    const list = store.tasks.list.bind(store.tasks);
    const watched: StorePort = {
      ...store,
      tasks: {
        ...store.tasks,
        list: (options) => {
          asked.push(options?.createdFrom);
          return list(options);
        },
      },
    };
    const notifier = notifierOn(watched);
    clock.set(inWindow(6));
    expect(await notifier.tick()).toHaveLength(1);
    clock.set(inWindow(11));
    expect(await notifier.tick()).toEqual([]);
    // The first pass reads back an hour from 09:05; the next from 09:00, the window it handled
    // last (read once more for work committed just as it closed), not the hour again.
    expect(asked).toEqual(['2026-01-05T08:05:00.000Z', '2026-01-05T09:00:00.000Z']);
    expect(received).toHaveLength(1);
  });

  it('lists the most urgent work first when missed windows go out in one email', async () => {
    const store = stores[0]!;
    // Two windows closed while no process ran: the older one's work is due later.
    await store.tasks.create(
      task('tsk_later', { createdAt: inWindow(1), dueAt: '2026-01-12T09:00:00.000Z' }),
    );
    await store.tasks.create(task('tsk_undated', { createdAt: inWindow(2), dueAt: null }));
    await store.tasks.create(
      task('tsk_soon', { createdAt: inWindow(6), dueAt: '2026-01-05T10:00:00.000Z' }),
    );
    clock.set(inWindow(11));
    expect(await notifierOn(store).tick()).toHaveLength(1);
    const order = [...received[0]!.text!.matchAll(/inbox\/(tsk_\w+)/g)].map((m) => m[1]);
    expect(order).toEqual(['tsk_soon', 'tsk_later', 'tsk_undated']);
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

  it('batches by window: a task of the next window gets its own email after that window', async () => {
    const store = stores[0]!;
    await store.tasks.create(task('tsk_a'));
    const notifier = notifierOn(store);
    clock.set(inWindow(6));
    await notifier.tick();
    await store.tasks.create(task('tsk_c', { createdAt: inWindow(7) }));
    clock.set(inWindow(9));
    expect(await notifier.tick()).toEqual([]);
    clock.set(new Date(WINDOW + 2 * NOTIFY_BATCH_MS + 1_000).toISOString());
    expect(await notifier.tick()).toHaveLength(1);
    expect(received.map((m) => m.subject)).toEqual([
      'A review waits for you: Review tsk_a',
      'A review waits for you: Review tsk_c',
    ]);
  });

  it('records a refused send as failed, does not retry it, and keeps the password out of logs and store', async () => {
    const store = stores[0]!;
    await store.tasks.create(task('tsk_a'));
    refuseRecipients = true;
    clock.set(inWindow(6));
    const notifier = notifierOn(store);
    expect(await notifier.tick()).toEqual([]);
    refuseRecipients = false;
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
