import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Every collection keeps the entity as its JSON text in `doc` (parsed with the zod schema on
 * read, exactly like SQLite) plus top-level copies of the fields that queries filter and sort
 * by. Keeping the document as text means free-form user JSON (step outputs, webhook
 * requests) never meets MongoDB's rules for field names, and reads round-trip exactly.
 * Timestamps used for ordering are epoch milliseconds, as in the other implementations.
 */
export interface DocRow {
  _id: string;
  revision: number;
  doc: string;
}

export type Row = DocRow & Record<string, unknown>;

export interface AuditRow {
  _id: number;
  id: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  doc: string;
}

export interface SessionRow {
  _id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  expiresAtMs: number;
  revokedAt: string | null;
  csrfToken: string;
}

const options = { versionKey: false, minimize: false, strict: true } as const;
const str = { type: String, required: true };
const num = { type: Number, required: true };
const bool = { type: Boolean, required: true };
const nullableStr = { type: String, default: null };
const nullableNum = { type: Number, default: null };

function docSchema(collection: string, fields: Record<string, unknown>): Schema<Row> {
  return new Schema<Row>(
    { _id: str, revision: num, doc: str, ...fields },
    { ...options, collection },
  );
}

export interface Models {
  users: Model<Row>;
  sessions: Model<SessionRow>;
  flows: Model<Row>;
  flowVersions: Model<Row>;
  runs: Model<Row>;
  steps: Model<Row>;
  tasks: Model<Row>;
  feedback: Model<Row>;
  automation: Model<Row>;
  publications: Model<Row>;
  audit: Model<AuditRow>;
  brandKits: Model<Row>;
  connections: Model<Row>;
  suggestions: Model<Row>;
  notificationSettings: Model<Row>;
  notificationPreferences: Model<Row>;
  notificationDeliveries: Model<Row>;
}

export function defineModels(conn: Connection): Models {
  const users = docSchema('users', { email: str });
  users.index({ email: 1 }, { unique: true });

  const sessions = new Schema<SessionRow>(
    {
      _id: str,
      userId: str,
      createdAt: str,
      expiresAt: str,
      expiresAtMs: num,
      revokedAt: nullableStr,
      csrfToken: str,
    },
    { ...options, collection: 'sessions' },
  );
  sessions.index({ userId: 1 });
  sessions.index({ expiresAtMs: 1 });

  const flows = docSchema('flows', { updatedAtMs: num, nameLower: str });
  flows.index({ updatedAtMs: -1, _id: -1 });

  // Append-only rows (versions, feedback) keep revision 0 so one row shape fits every collection.
  const flowVersions = docSchema('flow_versions', { flowId: str, number: num });
  flowVersions.index({ flowId: 1, number: -1 }, { unique: true });

  // startedBy: the editor's test runs of a flow (rows written before it was copied have none).
  // outcome: the runs list filtered by it, and the engine's start-up search for succeeded runs
  // with none recorded (missing on rows written before it was copied). test: the runs list
  // filtered to test or real runs (missing on rows written before test runs: real runs).
  const runs = docSchema('runs', {
    flowId: str,
    status: str,
    createdAtMs: num,
    startedBy: nullableStr,
    outcome: nullableStr,
    test: Boolean,
  });
  runs.index({ flowId: 1, status: 1, createdAtMs: -1, _id: -1 });
  runs.index({ flowId: 1, startedBy: 1, createdAtMs: -1, _id: -1 });
  runs.index({ status: 1, createdAtMs: -1, _id: -1 });
  runs.index({ status: 1, outcome: 1, createdAtMs: -1, _id: -1 });
  runs.index({ createdAtMs: -1, _id: -1 });
  runs.index({ test: 1, createdAtMs: -1, _id: -1 });

  const steps = docSchema('steps', {
    runId: str,
    nodeId: str,
    iteration: num,
    status: str,
    createdAtMs: num,
    wakeAtMs: nullableNum,
  });
  steps.index({ runId: 1, nodeId: 1, iteration: 1 }, { unique: true });
  steps.index({ runId: 1, createdAtMs: 1, _id: 1 });
  steps.index(
    { wakeAtMs: 1, _id: 1 },
    { partialFilterExpression: { wakeAtMs: { $type: 'number' } } },
  );

  const tasks = docSchema('tasks', {
    runId: str,
    flowId: str,
    nodeId: str,
    status: str,
    dueAtMs: num,
    createdAtMs: num,
    escalated: { type: Boolean, required: true },
    // A test run's task: left out of the flows list's open counts (missing: a real run's).
    test: Boolean,
  });
  tasks.index({ status: 1, dueAtMs: 1, createdAtMs: 1, _id: 1 });
  tasks.index({ flowId: 1, nodeId: 1, status: 1, dueAtMs: 1 });
  tasks.index({ runId: 1 });
  tasks.index({ status: 1, escalated: 1, dueAtMs: 1 });
  // Open tasks per flow (the flows list) from the index alone.
  tasks.index({ status: 1, flowId: 1 });
  // The review notifier's read: open tasks created in the last hour.
  tasks.index({ status: 1, test: 1, createdAtMs: 1 });

  const feedback = docSchema('feedback', {
    flowId: str,
    nodeId: str,
    sourceNodeId: nullableStr,
    createdAtMs: num,
  });
  feedback.index({ flowId: 1, nodeId: 1, createdAtMs: -1, _id: -1 });
  feedback.index({ createdAtMs: -1, _id: -1 });

  const automation = docSchema('automation', { flowId: str, nodeId: str });
  automation.index({ flowId: 1, nodeId: 1 }, { unique: true });

  const publications = docSchema('publications', {
    key: str,
    runId: str,
    status: str,
    // Absent on rows written before the content library; openMongoStore fills it in.
    channel: str,
    // Absent on rows written before the library's archive; openMongoStore fills it in.
    archived: { type: Boolean, required: true },
    // A library entry's collection, '' for others (a required String refuses ''); absent on
    // rows written before the library listed its collections, filled in by openMongoStore.
    collection: { type: String, default: '' },
    createdAtMs: num,
  });
  publications.index({ key: 1 }, { unique: true });
  publications.index({ runId: 1, createdAtMs: -1, _id: -1 });
  publications.index({ status: 1, createdAtMs: -1, _id: -1 });
  publications.index({ createdAtMs: -1, _id: -1 });
  publications.index({ channel: 1, createdAtMs: -1, _id: -1 });
  publications.index({ channel: 1, archived: 1, createdAtMs: -1, _id: -1 });
  // The library's collection menu; partial, so other channels' writes (the engine's hot path)
  // skip it.
  publications.index(
    { channel: 1, status: 1, collection: 1 },
    { partialFilterExpression: { channel: 'library' } },
  );

  const audit = new Schema<AuditRow>(
    {
      _id: num,
      id: str,
      actorId: nullableStr,
      action: str,
      subjectType: str,
      subjectId: str,
      doc: str,
    },
    { ...options, collection: 'audit' },
  );
  audit.index({ id: 1 }, { unique: true });
  audit.index({ actorId: 1, _id: -1 });
  audit.index({ action: 1, _id: -1 });
  audit.index({ subjectType: 1, subjectId: 1, _id: -1 });

  const brandKits = docSchema('brand_kits', { nameLower: str });
  brandKits.index({ nameLower: 1, _id: 1 });

  const connections = docSchema('connections', { createdAtMs: num });
  connections.index({ createdAtMs: -1, _id: -1 });

  const suggestions = docSchema('suggestions', {
    flowId: str,
    nodeId: str,
    status: str,
    createdAtMs: num,
  });
  suggestions.index({ flowId: 1, nodeId: 1, createdAtMs: -1 });

  const notificationSettings = docSchema('notification_settings', {});
  const notificationPreferences = docSchema('notification_preferences', { reviewEmails: bool });
  notificationPreferences.index({ reviewEmails: 1, _id: 1 });
  const notificationDeliveries = docSchema('notification_deliveries', {
    userId: str,
    createdAtMs: num,
  });
  notificationDeliveries.index({ userId: 1, createdAtMs: -1 });

  return {
    users: conn.model<Row>('User', users),
    sessions: conn.model<SessionRow>('Session', sessions),
    flows: conn.model<Row>('Flow', flows),
    flowVersions: conn.model<Row>('FlowVersion', flowVersions),
    runs: conn.model<Row>('Run', runs),
    steps: conn.model<Row>('Step', steps),
    tasks: conn.model<Row>('Task', tasks),
    feedback: conn.model<Row>('Feedback', feedback),
    automation: conn.model<Row>('AutomationSetting', automation),
    publications: conn.model<Row>('Publication', publications),
    audit: conn.model<AuditRow>('AuditEvent', audit),
    brandKits: conn.model<Row>('BrandKit', brandKits),
    connections: conn.model<Row>('Connection', connections),
    suggestions: conn.model<Row>('Suggestion', suggestions),
    notificationSettings: conn.model<Row>('NotificationSettings', notificationSettings),
    notificationPreferences: conn.model<Row>('NotificationPreference', notificationPreferences),
    notificationDeliveries: conn.model<Row>('NotificationDelivery', notificationDeliveries),
  };
}
