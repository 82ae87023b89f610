import type {
  AuditEvent,
  BrandKit,
  Connection,
  Feedback,
  Flow,
  FlowVersion,
  Publication,
  Run,
  Step,
  Suggestion,
  Task,
  UserRecord,
} from '@tandem/schema';
import type { SortKey } from './paging.js';
import { toMs, toMsOrNever } from './time.js';

/**
 * The order of every list, shared by the implementations so cursors mean the same thing
 * everywhere. `shape` types the key parts ('n' number, 's' string) for cursor checks.
 */
export interface Order<T> {
  shape: ('s' | 'n')[];
  direction: 'asc' | 'desc';
  key: (item: T) => SortKey;
}

export const flowOrder: Order<Flow> = {
  shape: ['n', 's'],
  direction: 'desc',
  key: (f) => [toMs(f.updatedAt), f.id],
};

/** The versions of one flow, newest first: the number alone is unique within a flow. */
export const flowVersionOrder: Order<FlowVersion> = {
  shape: ['n'],
  direction: 'desc',
  key: (v) => [v.number],
};

export const runOrder: Order<Run> = {
  shape: ['n', 's'],
  direction: 'desc',
  key: (r) => [toMs(r.createdAt), r.id],
};

/** The inbox: due soonest first, tasks without a due time last, then oldest first. */
export const taskOrder: Order<Task> = {
  shape: ['n', 'n', 's'],
  direction: 'asc',
  key: (t) => [toMsOrNever(t.dueAt), toMs(t.createdAt), t.id],
};

export const feedbackOrder: Order<Feedback> = {
  shape: ['n', 's'],
  direction: 'desc',
  key: (f) => [toMs(f.createdAt), f.id],
};

export const publicationOrder: Order<Publication> = {
  shape: ['n', 's'],
  direction: 'desc',
  key: (p) => [toMs(p.createdAt), p.id],
};

export const auditOrder: Order<AuditEvent> = {
  shape: ['n'],
  direction: 'desc',
  key: (e) => [e.seq],
};

/** Steps of a run and recovery lists: oldest first. */
export const stepOrder: Order<Step> = {
  shape: ['n', 's'],
  direction: 'asc',
  key: (s) => [toMs(s.createdAt), s.id],
};

export const stepWakeOrder: Order<Step> = {
  shape: ['n', 's'],
  direction: 'asc',
  key: (s) => [s.wakeAt === null ? 0 : toMs(s.wakeAt), s.id],
};

export const suggestionOrder: Order<Suggestion> = {
  shape: ['n', 's'],
  direction: 'desc',
  key: (s) => [toMs(s.createdAt), s.id],
};

export const userOrder: Order<UserRecord> = {
  shape: ['s', 's'],
  direction: 'asc',
  key: (u) => [u.email, u.id],
};

export const brandKitOrder: Order<BrandKit> = {
  shape: ['s', 's'],
  direction: 'asc',
  key: (b) => [b.name.toLowerCase(), b.id],
};

export const connectionOrder: Order<Connection> = {
  shape: ['n', 's'],
  direction: 'desc',
  key: (c) => [toMs(c.createdAt), c.id],
};
