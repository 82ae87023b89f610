import { AppError } from '@tandem/schema';
import type { Database } from 'better-sqlite3';

interface Migration {
  id: number;
  name: string;
  sql: string;
}

/*
 * Numbered, append-only. Entities live as JSON documents in `doc`; the other columns are
 * copies of the fields that queries filter or sort by (timestamps as epoch milliseconds).
 */
const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY, revision INTEGER NOT NULL, email TEXT NOT NULL, doc TEXT NOT NULL
      );
      CREATE UNIQUE INDEX users_email ON users (email);

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at INTEGER NOT NULL, doc TEXT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE INDEX sessions_expires ON sessions (expires_at);

      CREATE TABLE flows (
        id TEXT PRIMARY KEY, revision INTEGER NOT NULL, updated_at INTEGER NOT NULL,
        name_lower TEXT NOT NULL, doc TEXT NOT NULL
      );
      CREATE INDEX flows_updated ON flows (updated_at, id);

      CREATE TABLE flow_versions (
        id TEXT PRIMARY KEY, flow_id TEXT NOT NULL, number INTEGER NOT NULL, doc TEXT NOT NULL
      );
      CREATE UNIQUE INDEX flow_versions_number ON flow_versions (flow_id, number);

      CREATE TABLE runs (
        id TEXT PRIMARY KEY, revision INTEGER NOT NULL, flow_id TEXT NOT NULL,
        status TEXT NOT NULL, created_at INTEGER NOT NULL, doc TEXT NOT NULL
      );
      CREATE INDEX runs_flow_status ON runs (flow_id, status, created_at);
      CREATE INDEX runs_status ON runs (status, created_at);
      CREATE INDEX runs_created ON runs (created_at, id);

      CREATE TABLE steps (
        id TEXT PRIMARY KEY, revision INTEGER NOT NULL, run_id TEXT NOT NULL,
        node_id TEXT NOT NULL, iteration INTEGER NOT NULL, status TEXT NOT NULL,
        created_at INTEGER NOT NULL, wake_at INTEGER, doc TEXT NOT NULL
      );
      CREATE UNIQUE INDEX steps_node_iteration ON steps (run_id, node_id, iteration);
      CREATE INDEX steps_run ON steps (run_id, created_at);
      CREATE INDEX steps_status ON steps (status, created_at);
      CREATE INDEX steps_wake ON steps (wake_at, id) WHERE wake_at IS NOT NULL;

      CREATE TABLE tasks (
        id TEXT PRIMARY KEY, revision INTEGER NOT NULL, run_id TEXT NOT NULL,
        flow_id TEXT NOT NULL, node_id TEXT NOT NULL, status TEXT NOT NULL,
        due_at INTEGER NOT NULL, created_at INTEGER NOT NULL, escalated INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX tasks_inbox ON tasks (status, due_at, created_at, id);
      CREATE INDEX tasks_flow ON tasks (flow_id, node_id, status, due_at);
      CREATE INDEX tasks_run ON tasks (run_id);
      CREATE INDEX tasks_open_due ON tasks (due_at) WHERE status = 'open' AND escalated = 0;

      CREATE TABLE feedback (
        id TEXT PRIMARY KEY, flow_id TEXT NOT NULL, node_id TEXT NOT NULL,
        source_node_id TEXT, created_at INTEGER NOT NULL, doc TEXT NOT NULL
      );
      CREATE INDEX feedback_node ON feedback (flow_id, node_id, created_at);
      CREATE INDEX feedback_created ON feedback (created_at, id);

      CREATE TABLE automation (
        flow_id TEXT NOT NULL, node_id TEXT NOT NULL, revision INTEGER NOT NULL,
        doc TEXT NOT NULL, PRIMARY KEY (flow_id, node_id)
      );

      CREATE TABLE publications (
        id TEXT PRIMARY KEY, revision INTEGER NOT NULL, key TEXT NOT NULL,
        run_id TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE UNIQUE INDEX publications_key ON publications (key);
      CREATE INDEX publications_run ON publications (run_id, created_at);
      CREATE INDEX publications_status ON publications (status, created_at);
      CREATE INDEX publications_created ON publications (created_at, id);

      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL, actor_id TEXT, action TEXT NOT NULL,
        subject_type TEXT NOT NULL, subject_id TEXT NOT NULL, doc TEXT NOT NULL
      );
      CREATE UNIQUE INDEX audit_id ON audit (id);
      CREATE INDEX audit_actor ON audit (actor_id, seq);
      CREATE INDEX audit_action ON audit (action, seq);
      CREATE INDEX audit_subject ON audit (subject_type, subject_id, seq);

      CREATE TABLE brand_kits (
        id TEXT PRIMARY KEY, revision INTEGER NOT NULL, name_lower TEXT NOT NULL,
        doc TEXT NOT NULL
      );

      CREATE TABLE connections (
        id TEXT PRIMARY KEY, revision INTEGER NOT NULL, created_at INTEGER NOT NULL,
        doc TEXT NOT NULL
      );

      CREATE TABLE suggestions (
        id TEXT PRIMARY KEY, revision INTEGER NOT NULL, flow_id TEXT NOT NULL,
        node_id TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX suggestions_node ON suggestions (flow_id, node_id, created_at);
    `,
  },
  {
    id: 2,
    name: 'steps: drop indexes no query uses',
    // Listing a run's steps uses steps_node_iteration (run_id leads it) and sorts the few rows
    // it finds; nothing lists steps by status (recovery starts from runs). Each index cost a
    // b-tree insert per step written and a WAL page per commit. The status column stays, an
    // accurate copy for anyone querying the file by hand.
    sql: `
      DROP INDEX IF EXISTS steps_run;
      DROP INDEX IF EXISTS steps_status;
    `,
  },
  {
    id: 3,
    name: 'tasks: open tasks by flow',
    // The flows list counts open tasks per flow: this index answers it alone, in flow order.
    // (A partial index of open tasks lost to tasks_inbox in SQLite's plan, which then sorted.)
    sql: `CREATE INDEX IF NOT EXISTS tasks_status_flow ON tasks (status, flow_id);`,
  },
  {
    id: 4,
    name: 'publications: by channel',
    // The content library lists one channel's publications; existing rows get their channel
    // from their document.
    sql: `
      ALTER TABLE publications ADD COLUMN channel TEXT NOT NULL DEFAULT '';
      UPDATE publications SET channel = json_extract(doc, '$.channel');
      CREATE INDEX publications_channel ON publications (channel, created_at, id);
    `,
  },
  {
    id: 5,
    name: 'runs: outcome',
    // What a succeeded run came to (see RunSchema.outcome). Rows written before stay NULL until
    // the engine's start-up records theirs; the index answers both that search (succeeded, NULL)
    // and the runs list filtered by outcome (succeeded, outcome), newest first.
    sql: `
      ALTER TABLE runs ADD COLUMN outcome TEXT;
      CREATE INDEX runs_status_outcome ON runs (status, outcome, created_at, id);
    `,
  },
  {
    id: 6,
    name: 'runs and tasks: test runs',
    // A designer's test runs (see RunSchema.test) and their tasks. Rows written before are real
    // runs (0). The runs list filters on it; the flows list counts only real runs' open tasks,
    // from an index that still answers that count alone.
    sql: `
      ALTER TABLE runs ADD COLUMN test INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX runs_test ON runs (test, created_at, id);
      ALTER TABLE tasks ADD COLUMN test INTEGER NOT NULL DEFAULT 0;
      DROP INDEX IF EXISTS tasks_status_flow;
      CREATE INDEX tasks_status_test_flow ON tasks (status, test, flow_id);
    `,
  },
  {
    id: 7,
    name: 'publications: archived library entries',
    // The library lists entries in or out of its archive, newest first; no row written before
    // was archived, so the default needs no backfill.
    sql: `
      ALTER TABLE publications ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX publications_channel_archived ON publications (channel, archived, created_at, id);
    `,
  },
  {
    id: 8,
    name: 'email notifications',
    // The workspace's one settings row, each user's opt-in (the notifier lists those who opted
    // in), and one delivery per user and batch window: its primary key is what refuses a
    // second process's claim of the same email.
    sql: `
      CREATE TABLE notification_settings (
        id TEXT PRIMARY KEY, revision INTEGER NOT NULL, doc TEXT NOT NULL
      );
      CREATE TABLE notification_preferences (
        id TEXT PRIMARY KEY, revision INTEGER NOT NULL, review_emails INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX notification_preferences_on ON notification_preferences (review_emails, id);
      CREATE TABLE notification_deliveries (
        id TEXT PRIMARY KEY, revision INTEGER NOT NULL, user_id TEXT NOT NULL,
        created_at INTEGER NOT NULL, doc TEXT NOT NULL
      );
      CREATE INDEX notification_deliveries_user ON notification_deliveries (user_id, created_at);
    `,
  },
  {
    id: 9,
    name: 'tasks: open tasks by creation time',
    // The review notifier reads the open tasks of real runs created in the last hour. Without
    // this index it walked the inbox order, where new tasks without a due time come last.
    sql: `CREATE INDEX tasks_status_test_created ON tasks (status, test, created_at);`,
  },
  {
    id: 10,
    name: 'publications: library collections',
    // The library's collection menu lists every collection; existing library rows get theirs
    // from their document (its request records it, cut to 80 characters as the library shows).
    // A partial index: webhook, email and other publications (the engine's hot path) skip it.
    sql: `
      ALTER TABLE publications ADD COLUMN collection TEXT NOT NULL DEFAULT '';
      UPDATE publications SET collection = substr(json_extract(doc, '$.request.collection'), 1, 80)
        WHERE channel = 'library' AND json_type(doc, '$.request.collection') = 'text';
      CREATE INDEX publications_library_collections ON publications (status, collection)
        WHERE channel = 'library';
    `,
  },
];

/** The ids this version knows, in order: 1..LATEST_MIGRATION, none missing. */
export const MIGRATION_IDS = MIGRATIONS.map((m) => m.id);
export const LATEST_MIGRATION = Math.max(...MIGRATION_IDS);

/**
 * Brings the database to the latest schema. Each migration runs in its own immediate
 * transaction, so two processes opening the same file at once cannot both apply it.
 */
export function migrate(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL
  )`);
  const applied = db.prepare<[], { id: number }>('SELECT id FROM migrations');
  const record = db.prepare('INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)');
  const newest = Math.max(0, ...applied.all().map((row) => row.id));
  if (newest > LATEST_MIGRATION) {
    throw new AppError({
      code: 'CONFIG_INVALID',
      message: `The database is at schema ${newest}, newer than this Tandem knows (${LATEST_MIGRATION}); upgrade Tandem`,
      details: { schema: newest, known: LATEST_MIGRATION },
    });
  }
  for (const migration of MIGRATIONS) {
    db.transaction(() => {
      if (applied.all().some((row) => row.id === migration.id)) return;
      db.exec(migration.sql);
      record.run(migration.id, migration.name, new Date().toISOString());
    }).immediate();
  }
}
