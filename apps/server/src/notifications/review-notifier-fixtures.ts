import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
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
import { createReviewNotifier, type ReviewNotifier } from './review-notifier.js';

/*
 * The notifier over a real SQLite store, sending through the connectors' SMTP code to a real
 * SMTP server (smtp-server) on 127.0.0.1; every message it accepts is parsed with mailparser.
 *
 * A test file calls useReviewNotifierSetUp() once at its top: the hooks are registered by that
 * call, not on import, because the unit project shares one module graph per worker
 * (vitest.config.ts), so this module may be evaluated once for several test files.
 */

let smtp: SMTPServer;
let smtpPort = 0;
export const received: ParsedMail[] = [];
export const SMTP_PASSWORD = 'smtp-Pa55word-for-notify-tests';
/** When set, the server refuses every recipient, quoting the password as some servers do. */
let refusing = false;

/** Makes the server refuse every recipient (`true`) or accept them again (`false`). */
export function refuseRecipients(refuse: boolean): void {
  refusing = refuse;
}

/** Window of 09:00–09:05 on the fake clock's day; the tests create their tasks inside it. */
export const WINDOW = Date.parse('2026-01-05T09:00:00.000Z');
export const inWindow = (minute: number) => new Date(WINDOW + minute * 60_000).toISOString();
export const BASE_URL = 'https://tandem.example.com';

let dataDir: string;
export let stores: StorePort[];
let http: SafeHttpClient;
export let clock: FakeClock;
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

export function task(id: string, over: Partial<Task> = {}): Task {
  return openTask({
    id,
    title: `Review ${id}`,
    createdAt: inWindow(1),
    updatedAt: inWindow(1),
    dueAt: '2026-01-05T15:00:00.000Z',
    ...over,
  });
}

export function open(): StorePort {
  const store = openSqliteStore({ dataDir });
  stores.push(store);
  return store;
}

/** Every log line of every notifier, as the server's logger writes it. */
export let logLines: string[];

/** A notifier as the server wires it, on `store`. */
export function notifierOn(store: StorePort): ReviewNotifier {
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

export const recipients = () => received.map((m) => (m.to as { text: string }).text).sort();

/**
 * The SMTP server for the calling file, and before each test a fresh data folder whose first
 * store (`stores[0]`) holds the set-up above, with the clock at the window's start.
 */
export function useReviewNotifierSetUp(): void {
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
        if (!refusing) return callback();
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

  beforeEach(async () => {
    received.length = 0;
    logLines = [];
    refusing = false;
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
}
