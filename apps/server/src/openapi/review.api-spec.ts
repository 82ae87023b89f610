import { z } from 'zod';
import {
  DecisionInputSchema,
  DecisionSchema,
  FeedbackSchema,
  LIBRARY_QUERY_MAX,
  LibraryEntrySchema,
  PageQuerySchema,
  OpenTaskCountSchema,
  PublicationSchema,
  RunStatusSchema,
  SuggestionSchema,
  TaskSchema,
} from '@tandem/schema';
import { list, type RouteSpec } from './route-spec.js';
import { PreviewQuerySchema } from '../library/library-preview.js';

// Review tasks and what follows a decision: feedback, publications, dead letters, suggestions.

const LibraryQuery = PageQuerySchema.extend({
  q: z
    .string()
    .max(LIBRARY_QUERY_MAX)
    .optional()
    .describe('Words every entry holds, in its title or visible text (HTML without markup)'),
  collection: z.string().max(80).optional().describe("A collection's exact name"),
  archived: z.enum(['true', 'false']).optional().describe('true lists the archive instead'),
});

const NamedDecision = DecisionSchema.extend({ actorName: z.string().nullable() });
/** A task with the names of the users it mentions. */
const NamedTask = TaskSchema.extend({
  decision: NamedDecision.nullable(),
  approvals: z.array(NamedDecision),
  claimedByName: z.string().nullable(),
});

const TaskDetail = z.object({
  task: NamedTask,
  canDecide: z.boolean(),
  approvedByYou: z.boolean(),
  approveBlockedReason: z.string().nullable(),
  maxRounds: z.number().nullable(),
  previousRound: z
    .object({
      note: z.string(),
      actorName: z.string().nullable(),
      at: z.string(),
      text: z.string(),
    })
    .nullable(),
  flow: z.object({ id: z.string(), name: z.string(), versionNumber: z.number() }),
  run: z.record(z.string(), z.unknown()),
  context: z.array(z.record(z.string(), z.unknown())),
});

export const REVIEW_ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/tasks',
    summary: 'Tasks the caller may decide (an open quorum task they approved waits on others)',
    access: 'signed-in',
    response: list(NamedTask),
  },
  {
    method: 'get',
    path: '/api/tasks/open-counts',
    summary: 'Open tasks per flow, among the tasks the caller may view',
    access: 'signed-in',
    response: list(OpenTaskCountSchema),
  },
  {
    method: 'get',
    path: '/api/runs/{id}/tasks',
    summary: 'Every task of a run, read-only, for whoever may view the run',
    access: 'signed-in',
    response: list(NamedTask),
  },
  {
    method: 'get',
    path: '/api/tasks/{id}',
    summary: 'A task with its run context',
    access: 'signed-in',
    response: TaskDetail,
  },
  {
    method: 'post',
    path: '/api/tasks/{id}/claim',
    summary: 'Claim a task',
    access: 'signed-in',
    response: TaskSchema,
  },
  {
    method: 'post',
    path: '/api/tasks/{id}/release',
    summary: 'Release a claim',
    access: 'signed-in',
    response: TaskSchema,
  },
  {
    method: 'post',
    path: '/api/tasks/{id}/decision',
    summary: 'Approve, edit, request changes or reject',
    access: 'signed-in',
    body: DecisionInputSchema,
    response: TaskSchema,
  },
  {
    method: 'get',
    path: '/api/feedback',
    summary: 'Decisions on AI output',
    access: ['manager', 'designer', 'admin'],
    response: list(FeedbackSchema),
  },
  {
    method: 'get',
    path: '/api/publications',
    summary: 'Publications',
    access: ['designer', 'manager', 'admin'],
    response: list(PublicationSchema),
  },
  {
    method: 'get',
    path: '/api/publications/{id}',
    summary: 'One publication',
    access: ['designer', 'manager', 'admin'],
    response: PublicationSchema,
  },
  {
    method: 'get',
    path: '/api/library',
    summary:
      'The content library: approved content saved by "Save to content library" steps, searched on the server. A page may hold fewer entries than `limit` (even none) and still have a `nextCursor`: each request reads a bounded number of entries.',
    access: ['designer', 'manager', 'admin'],
    query: LibraryQuery,
    response: list(LibraryEntrySchema),
  },
  {
    method: 'get',
    path: '/api/library/collections',
    summary:
      "Every collection that has a saved library entry (archived ones included), alphabetical, at most 500: the library's collection menu",
    access: ['designer', 'manager', 'admin'],
  },
  {
    method: 'post',
    path: '/api/library/{id}/archive',
    summary:
      'Archive an entry: out of the library list, its publication kept. Audited; archiving an archived entry changes nothing.',
    access: ['designer', 'manager', 'admin'],
    conflict: 'Another writer kept changing the entry; try again',
    response: LibraryEntrySchema,
  },
  {
    method: 'post',
    path: '/api/library/{id}/restore',
    summary:
      'Put an archived entry back in the library list. Audited; restoring an entry in the list changes nothing.',
    access: ['designer', 'manager', 'admin'],
    conflict: 'Another writer kept changing the entry; try again',
    response: LibraryEntrySchema,
  },
  {
    method: 'get',
    path: '/api/library/{id}/preview',
    summary:
      "An HTML entry as a page for the library's sandboxed preview frame, under its own Content-Security-Policy: no scripts, forms or connections; remote (https) images only with `images=1`.",
    access: ['designer', 'manager', 'admin'],
    query: PreviewQuerySchema,
    html: 'The entry as a standalone HTML page',
  },
  {
    method: 'get',
    path: '/api/library/{id}',
    summary: 'One entry of the content library',
    access: ['designer', 'manager', 'admin'],
    response: LibraryEntrySchema,
  },
  {
    method: 'get',
    path: '/api/dead-letters',
    summary: "Publications that exhausted their retries, with their run's status",
    access: ['admin'],
    response: list(PublicationSchema.extend({ runStatus: RunStatusSchema.nullable() })),
  },
  {
    method: 'post',
    path: '/api/dead-letters/{id}/replay',
    summary: 'Send a dead letter again, same key',
    access: ['admin'],
    response: PublicationSchema,
  },
  {
    method: 'get',
    path: '/api/suggestions',
    summary: 'Corrections mined from reviewer edits',
    access: ['manager', 'designer', 'admin'],
    response: list(SuggestionSchema),
  },
  {
    method: 'post',
    path: '/api/suggestions/{id}/accept',
    summary: 'Accept a suggestion',
    access: ['manager', 'admin'],
    response: SuggestionSchema,
  },
  {
    method: 'post',
    path: '/api/suggestions/{id}/dismiss',
    summary: 'Dismiss a suggestion',
    access: ['manager', 'admin'],
    response: SuggestionSchema,
  },
];
