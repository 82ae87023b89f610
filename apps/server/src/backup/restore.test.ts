import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createSecretBox, sealConnectionSecrets } from '@tandem/connectors';
import { openSqliteStore } from '@tandem/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { keyMaterial } from '../config/ports.js';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { backupEmbeddedStore } from './backup.js';
import { copyOwnerOnly, describeRestore, restoreEmbeddedStore } from './restore.js';
import { countRows, snapshot } from './test-helpers.js';

let server: TestServer;
let scratch: string;
/** A data folder whose server was stopped after its backup, with changes made since. */
let dataDir: string;
/** That server's backup, taken before the changes. */
let backup: string;

const mode = (path: string) => statSync(path).mode & 0o777;

/** A copy of the backup into `name`, holding a saved connection sealed with each of `keys`. */
async function backupWithConnection(name: string, ...keys: string[]): Promise<string> {
  const copy = join(scratch, name);
  cpSync(backup, copy, { recursive: true });
  const store = openSqliteStore({ dataDir: copy });
  const now = new Date().toISOString();
  for (const [i, key] of keys.entries()) {
    const id = `con_restore_check_${i}`;
    const box = createSecretBox(keyMaterial(key));
    await store.connections.create({
      id,
      kind: 'webhook',
      name: 'CMS hook',
      settings: { url: 'https://cms.example.com/hook' },
      secretsCiphertext: sealConnectionSecrets(box, id, { signingSecret: 's'.repeat(32) }),
      disabled: false,
      disabledReason: null,
      createdAt: now,
      updatedAt: now,
      revision: 0,
    });
  }
  await store.close();
  return copy;
}
const backupKey = () => readFileSync(join(backup, 'secret.key'), 'utf8').trim();
/** A key that is not the backup's, as an operator might set by mistake. */
const OTHER_KEY = 'another-passphrase-of-more-than-32-characters';
const configFor = (env: Record<string, string> = {}) =>
  loadConfig({ TANDEM_DATA_DIR: dataDir, ...env });

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'tandem-restore-test-'));
  server = await startTestServer();
  dataDir = server.dataDir;
  await server.tokens();
  backup = backupEmbeddedStore(configFor(), join(scratch, 'backup')).dir;
  // Changes after the backup: a new login (a session and an audit event).
  await server.login('reviewer@example.com');
  await server.app.close(); // stopped, its data folder kept
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('pnpm restore refuses, changing nothing', () => {
  /** Runs `restore`, expects it to throw `message`, and the data folder to be unchanged. */
  function expectRefusal(restore: () => unknown, message: RegExp) {
    const before = snapshot(dataDir);
    expect(restore).toThrow(message);
    expect(snapshot(dataDir)).toEqual(before);
  }

  it('when the folder is missing, not named, or not a Tandem backup', () => {
    expectRefusal(
      () => restoreEmbeddedStore(configFor(), undefined),
      /pnpm restore <backup-folder>/,
    );
    const missing = join(scratch, 'missing');
    expectRefusal(
      () => restoreEmbeddedStore(configFor(), missing),
      /No backup folder at .*missing/,
    );
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    expectRefusal(
      () => restoreEmbeddedStore(configFor(), empty),
      /is not a Tandem backup: it has no tandem\.db/,
    );
    const text = join(scratch, 'text');
    mkdirSync(text);
    writeFileSync(join(text, 'tandem.db'), 'not a database at all, just some text '.repeat(40));
    expectRefusal(() => restoreEmbeddedStore(configFor(), text), /not a Tandem backup|cannot be/);
    const other = join(scratch, 'other-sqlite');
    mkdirSync(other);
    new Database(join(other, 'tandem.db')).exec('CREATE TABLE notes (x)').close();
    expectRefusal(
      () => restoreEmbeddedStore(configFor(), other),
      /is not a Tandem backup: no such table: migrations/,
    );
    expectRefusal(
      () => restoreEmbeddedStore(configFor(), join(backup, 'tandem.db')),
      /is not a folder/,
    );
    expectRefusal(() => restoreEmbeddedStore(configFor(), dataDir), /is the data folder itself/);
    const withLog = join(scratch, 'with-log');
    cpSync(backup, withLog, { recursive: true });
    writeFileSync(join(withLog, 'tandem.db-wal'), 'frames the copy of tandem.db would lose');
    expectRefusal(
      () => restoreEmbeddedStore(configFor(), withLog),
      /has a tandem\.db-wal with writes not yet in tandem\.db/,
    );
  });

  it('when the backup fails its integrity check', () => {
    const damaged = join(scratch, 'damaged');
    cpSync(backup, damaged, { recursive: true });
    // The users_email index holds emails; declared over ids, it no longer matches its table.
    const db = new Database(join(damaged, 'tandem.db'));
    db.unsafeMode(true); // lifts SQLite's defensive mode, which forbids editing the schema
    db.pragma('writable_schema = ON');
    db.prepare(
      "UPDATE sqlite_schema SET sql = 'CREATE UNIQUE INDEX users_email ON users (id)' WHERE name = 'users_email'",
    ).run();
    db.close();
    expectRefusal(
      () => restoreEmbeddedStore(configFor(), damaged),
      /The backup .*damaged.*tandem\.db failed its integrity check: .*users_email/,
    );
  });

  it("when the backup's key is missing (unless TANDEM_SECRET_KEY holds it), or is no key", () => {
    const keyless = join(scratch, 'keyless');
    mkdirSync(keyless);
    cpSync(join(backup, 'tandem.db'), join(keyless, 'tandem.db'));
    expectRefusal(
      () => restoreEmbeddedStore(configFor(), keyless),
      /holds no secret\.key: without it the restored store's saved connections cannot be opened/,
    );
    const shortKey = join(scratch, 'short-key');
    cpSync(keyless, shortKey, { recursive: true });
    writeFileSync(join(shortKey, 'secret.key'), 'abc\n');
    expectRefusal(() => restoreEmbeddedStore(configFor(), shortKey), /is not a Tandem secret key/);
  });

  it("when the key the server would use does not open the backup's saved connections", async () => {
    const wrongFile = await backupWithConnection('wrong-key-file', backupKey());
    writeFileSync(join(wrongFile, 'secret.key'), `${'w'.repeat(44)}\n`);
    expectRefusal(
      () => restoreEmbeddedStore(configFor(), wrongFile),
      /^The key in .*wrong-key-file\/secret\.key does not open this backup's saved connections \(none of 1 opens\): restore with the key that was in use/,
    );
    // TANDEM_SECRET_KEY wins over the backup's secret.key (resolveSecretKey): it is the one checked.
    const rightFile = await backupWithConnection('right-key-file', backupKey());
    expectRefusal(
      () => restoreEmbeddedStore(configFor({ TANDEM_SECRET_KEY: OTHER_KEY }), rightFile),
      /^The key in TANDEM_SECRET_KEY does not open this backup's saved connections \(none of 1 opens\); the backup's secret\.key opens them, but TANDEM_SECRET_KEY takes precedence: unset it/,
    );
    const keyless = join(scratch, 'keyless-with-connection');
    cpSync(rightFile, keyless, { recursive: true });
    rmSync(join(keyless, 'secret.key'));
    expectRefusal(
      () => restoreEmbeddedStore(configFor({ TANDEM_SECRET_KEY: OTHER_KEY }), keyless),
      /^The key in TANDEM_SECRET_KEY does not open this backup's saved connections/,
    );
  });

  it('when the backup comes from a newer version of Tandem', () => {
    const newer = join(scratch, 'newer');
    cpSync(backup, newer, { recursive: true });
    const db = new Database(join(newer, 'tandem.db'));
    db.prepare('INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)').run(
      99,
      'a migration from the future',
      new Date().toISOString(),
    );
    db.close();
    expectRefusal(
      () => restoreEmbeddedStore(configFor(), newer),
      /newer.* comes from a newer version of Tandem: its database has migrations this version does not know \(99 "a migration from the future"\)/,
    );
  });

  it('when Tandem uses MongoDB', () => {
    expectRefusal(
      () => restoreEmbeddedStore(configFor({ MONGODB_URI: 'mongodb://localhost:27017/t' }), backup),
      /MONGODB_URI is set\): restore it with mongorestore/,
    );
  });

  it('when a store has the database open', async () => {
    const store = openSqliteStore({ dataDir });
    try {
      expectRefusal(
        () => restoreEmbeddedStore(configFor(), backup),
        /Tandem is running on .* \(something has tandem\.db open\): stop it, then restore/,
      );
    } finally {
      await store.close();
    }
  });
});

describe('pnpm restore', () => {
  it('puts the previous data back when a step after moving it aside fails, and says so', () => {
    const before = snapshot(dataDir);
    const failingKeyCopy = (from: string, to: string) => {
      copyOwnerOnly(from, to);
      if (to.endsWith('secret.key')) throw new Error('ENOSPC: no space left on device');
    };
    expect(() => restoreEmbeddedStore(configFor(), backup, { copyIn: failingKeyCopy })).toThrow(
      /could not finish \(ENOSPC: no space left on device\); the previous data is back in place/,
    );
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('restores a backup: the data from before the backup is back, owner-only; the previous data is kept aside', async () => {
    const live = join(dataDir, 'tandem.db');
    const sessionsNow = countRows(live, 'sessions');
    const sessionsThen = countRows(join(backup, 'tandem.db'), 'sessions');
    expect(sessionsNow).toBe(sessionsThen + 1);
    const secretKeyNow = readFileSync(join(dataDir, 'secret.key'));
    const now = new Date('2026-11-27T09:41:07Z');
    const result = restoreEmbeddedStore(configFor(), backup, { now });
    const aside = join(dataDir, 'before-restore-2026-11-27-094107');
    // The previous files, moved aside whole: the session made after the backup is there.
    expect(result.previous?.dir).toBe(aside);
    expect(result.previous?.files).toEqual(expect.arrayContaining(['tandem.db', 'secret.key']));
    expect(readdirSync(aside).sort()).toEqual([...result.previous!.files].sort());
    expect(mode(aside)).toBe(0o700);
    expect(countRows(join(aside, 'tandem.db'), 'sessions')).toBe(sessionsNow);
    expect(readFileSync(join(aside, 'secret.key'))).toEqual(secretKeyNow);
    expect(countRows(live, 'sessions')).toBe(sessionsThen);
    expect(readFileSync(join(dataDir, 'secret.key'))).toEqual(
      readFileSync(join(backup, 'secret.key')),
    );
    expect(mode(live)).toBe(0o600);
    expect(mode(join(dataDir, 'secret.key'))).toBe(0o600);
    expect(describeRestore(result)).toBe(
      [
        `Restored the embedded store from the backup ${backup} into ${dataDir}`,
        `  tandem.db: ${(result.database.bytes / 1024).toFixed(0)} KiB, integrity ok (4 users, ${result.database.rows.flows} flows, 0 runs, 0 tasks, 0 publications, ${result.database.rows.audit} audit)`,
        "  secret.key: the backup's key to its saved connection secrets",
        `The previous data (${result.previous!.files.join(', ')}) is in ${aside}; delete that folder once Tandem runs well on the restored data.`,
        'Start Tandem to use the restored data.',
      ].join('\n'),
    );

    // A server started on the restored folder opens it and takes logins with the old data.
    const again = await startTestServer({ env: { TANDEM_DATA_DIR: dataDir } });
    try {
      await again.login('admin@example.com');
      expect(countRows(live, 'sessions')).toBe(sessionsThen + 1);
    } finally {
      await again.app.close();
    }
  });

  it('undoes a restore: restoring its before-restore folder brings the newer data back', () => {
    const aside = join(dataDir, 'before-restore-2026-11-27-094107');
    const sessionsAside = countRows(join(aside, 'tandem.db'), 'sessions');
    const now = new Date('2026-11-27T09:52:00Z');
    const result = restoreEmbeddedStore(configFor(), aside, { now });
    expect(countRows(join(dataDir, 'tandem.db'), 'sessions')).toBe(sessionsAside);
    expect(result.previous?.dir).toBe(join(dataDir, 'before-restore-2026-11-27-095200'));
  });

  it("with saved connections the key in use opens: the backup's key, or TANDEM_SECRET_KEY", async () => {
    const withConnection = await backupWithConnection('with-connection', backupKey());
    const fresh = join(scratch, 'fresh-with-connection');
    const result = restoreEmbeddedStore(loadConfig({ TANDEM_DATA_DIR: fresh }), withConnection);
    expect(result.connections).toEqual({ connections: 1, opened: 1 });
    expect(describeRestore(result)).not.toContain('do not open');

    const envKeyed = await backupWithConnection('env-keyed', OTHER_KEY);
    rmSync(join(envKeyed, 'secret.key'));
    const config = loadConfig({
      TANDEM_DATA_DIR: join(scratch, 'fresh-env-keyed'),
      TANDEM_SECRET_KEY: OTHER_KEY,
    });
    expect(restoreEmbeddedStore(config, envKeyed).connections).toEqual({
      connections: 1,
      opened: 1,
    });
  });

  it('with a key that opens some saved connections: the right key; the others are named as unreadable already', async () => {
    const mixed = await backupWithConnection('mixed', backupKey(), OTHER_KEY);
    const result = restoreEmbeddedStore(
      loadConfig({ TANDEM_DATA_DIR: join(scratch, 'fresh-mixed') }),
      mixed,
    );
    expect(result.connections).toEqual({ connections: 2, opened: 1 });
    expect(describeRestore(result)).toContain(
      '  1 of 2 saved connections do not open with this key (they did not in the backup either): re-enter their secrets',
    );
  });

  it('says the server uses TANDEM_SECRET_KEY when it is set, though the backup brought its secret.key', () => {
    const config = loadConfig({
      TANDEM_DATA_DIR: join(scratch, 'fresh-both-keys'),
      TANDEM_SECRET_KEY: OTHER_KEY,
    });
    const result = restoreEmbeddedStore(config, backup); // no saved connections to check
    expect(result.keyRestored).toBe(true);
    expect(describeRestore(result)).toContain(
      "  secret.key: the backup's, restored; but the server uses TANDEM_SECRET_KEY while it is set",
    );
  });

  it('into an empty data folder, with the key in TANDEM_SECRET_KEY', () => {
    const fresh = join(scratch, 'fresh-data');
    const keyless = join(scratch, 'key-in-environment');
    mkdirSync(keyless);
    cpSync(join(backup, 'tandem.db'), join(keyless, 'tandem.db'));
    const config = loadConfig({ TANDEM_DATA_DIR: fresh, TANDEM_SECRET_KEY: 'k'.repeat(44) });
    const result = restoreEmbeddedStore(config, keyless);
    expect(result.previous).toBeUndefined();
    expect(readdirSync(fresh)).toEqual(['tandem.db']);
    expect(mode(fresh)).toBe(0o700);
    const text = describeRestore(result);
    expect(text).toContain('it must be the key in use when this backup was made');
    expect(text).toContain('The data folder held no previous data.');
  });
});
