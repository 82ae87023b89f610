import { z } from 'zod';
import {
  AuditEventSchema,
  AutomationUpdateSchema,
  BrandKitInputSchema,
  BrandKitSchema,
  DecisionInputSchema,
  FeedbackSchema,
  FlowInputSchema,
  FlowSchema,
  FlowVersionSchema,
  LoginSchema,
  PublicationSchema,
  RunSchema,
  RunStartSchema,
  SuggestionSchema,
  TaskSchema,
  UserCreateSchema,
  UserSchema,
  UserUpdateSchema,
} from '@tandem/schema';
import {
  ConnectionCreateSchema,
  ConnectionUpdateSchema,
} from '../connections/connections.service.js';

/*
 * The API's table of contents: every route with who may call it and the zod schemas of what it
 * takes and returns. `GET /api/openapi.json` is generated from it, and the route-inventory test
 * checks it against the routes Express actually has.
 */

export type RouteAccess = 'public' | 'signed-in' | string[];

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  access: RouteAccess;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Success status when it is not 200. */
  status?: number;
}

const list = (item: z.ZodType) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() });
const RunCreated = z.object({ id: z.string(), status: z.string(), run: RunSchema });
const TaskDetail = z.object({
  task: TaskSchema,
  canDecide: z.boolean(),
  flow: z.object({ id: z.string(), name: z.string(), versionNumber: z.number() }),
  run: z.record(z.string(), z.unknown()),
  context: z.array(z.record(z.string(), z.unknown())),
});
const Session = z.object({
  token: z.string(),
  csrfToken: z.string(),
  expiresAt: z.string(),
  user: UserSchema,
});

export const ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness and configuration summary',
    access: 'public',
  },
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in',
    access: 'public',
    body: LoginSchema,
    response: Session,
  },
  {
    method: 'get',
    path: '/api/auth/demo',
    summary: 'Demo accounts for the login page',
    access: 'public',
  },
  {
    method: 'post',
    path: '/api/hooks/{flowId}',
    summary: 'Signed inbound webhook trigger',
    access: 'public',
    status: 202,
  },
  {
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user and CSRF token',
    access: 'signed-in',
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Revoke the session',
    access: 'signed-in',
    status: 204,
  },
  {
    method: 'get',
    path: '/api/users',
    summary: 'List users',
    access: ['admin'],
    response: list(UserSchema),
  },
  {
    method: 'post',
    path: '/api/users',
    summary: 'Create a user',
    access: ['admin'],
    body: UserCreateSchema,
    response: UserSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/users/{id}',
    summary: 'Read a user',
    access: ['admin'],
    response: UserSchema,
  },
  {
    method: 'patch',
    path: '/api/users/{id}',
    summary: 'Change roles, name, password or disable',
    access: ['admin'],
    body: UserUpdateSchema,
    response: UserSchema,
  },
  {
    method: 'get',
    path: '/api/audit',
    summary: 'Audit trail, newest first',
    access: ['manager', 'admin'],
    response: list(AuditEventSchema),
  },
  {
    method: 'get',
    path: '/api/audit/verify',
    summary: 'Verify the audit hash chain',
    access: ['admin'],
  },
  {
    method: 'get',
    path: '/api/node-types',
    summary: 'The node catalog with config JSON Schemas',
    access: 'signed-in',
  },
  { method: 'get', path: '/api/templates', summary: 'Flow templates', access: 'signed-in' },
  {
    method: 'get',
    path: '/api/flows',
    summary: 'List flows',
    access: 'signed-in',
    response: list(FlowSchema),
  },
  {
    method: 'post',
    path: '/api/flows',
    summary: 'Create a flow',
    access: ['designer', 'admin'],
    body: FlowInputSchema,
    response: FlowSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/flows/{id}',
    summary: 'Read a flow draft',
    access: 'signed-in',
    response: FlowSchema,
  },
  {
    method: 'put',
    path: '/api/flows/{id}',
    summary: 'Replace a flow draft (If-Match: revision)',
    access: ['designer', 'admin'],
    body: FlowInputSchema,
    response: FlowSchema,
  },
  {
    method: 'delete',
    path: '/api/flows/{id}',
    summary: 'Delete a flow',
    access: ['designer', 'admin'],
    status: 204,
  },
  {
    method: 'post',
    path: '/api/flows/{id}/publish',
    summary: 'Publish the draft as a new version',
    access: ['designer', 'admin'],
    response: z.object({ version: z.number(), flowVersion: FlowVersionSchema }),
    status: 201,
  },
  {
    method: 'get',
    path: '/api/flows/{id}/versions',
    summary: 'Published versions, newest first',
    access: 'signed-in',
    response: list(FlowVersionSchema),
  },
  {
    method: 'post',
    path: '/api/flows/{id}/runs',
    summary: 'Start a run on the latest version',
    access: ['designer', 'admin'],
    body: RunStartSchema,
    response: RunCreated,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/flows/{id}/automation',
    summary: 'Automation level, evidence and recommendation per checkpoint',
    access: ['manager', 'designer', 'admin'],
  },
  {
    method: 'put',
    path: '/api/flows/{id}/automation/{nodeId}',
    summary: 'Set a checkpoint’s automation level',
    access: ['manager', 'admin'],
    body: AutomationUpdateSchema,
  },
  {
    method: 'get',
    path: '/api/runs',
    summary: 'List runs (flowId, status filters)',
    access: ['designer', 'manager', 'admin'],
    response: list(RunSchema),
  },
  { method: 'get', path: '/api/runs/{id}', summary: 'A run with its steps', access: 'signed-in' },
  {
    method: 'post',
    path: '/api/runs/{id}/cancel',
    summary: 'Cancel a run',
    access: ['designer', 'admin'],
    response: RunSchema,
  },
  {
    method: 'get',
    path: '/api/tasks',
    summary: 'Tasks the caller may decide',
    access: 'signed-in',
    response: list(TaskSchema),
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
    path: '/api/dead-letters',
    summary: 'Publications that exhausted their retries',
    access: ['admin'],
    response: list(PublicationSchema),
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
  {
    method: 'get',
    path: '/api/brand-kits',
    summary: 'Brand kits',
    access: 'signed-in',
    response: list(BrandKitSchema),
  },
  {
    method: 'post',
    path: '/api/brand-kits',
    summary: 'Create a brand kit',
    access: ['admin'],
    body: BrandKitInputSchema,
    response: BrandKitSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/brand-kits/{id}',
    summary: 'One brand kit',
    access: 'signed-in',
    response: BrandKitSchema,
  },
  {
    method: 'put',
    path: '/api/brand-kits/{id}',
    summary: 'Update a brand kit',
    access: ['admin'],
    body: BrandKitInputSchema,
    response: BrandKitSchema,
  },
  {
    method: 'get',
    path: '/api/connections',
    summary: 'Connections, secrets masked',
    access: ['admin'],
  },
  {
    method: 'post',
    path: '/api/connections',
    summary: 'Save a connection (secrets sealed)',
    access: ['admin'],
    body: ConnectionCreateSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/connections/{id}',
    summary: 'One connection, secrets masked',
    access: ['admin'],
  },
  {
    method: 'put',
    path: '/api/connections/{id}',
    summary: 'Update a connection',
    access: ['admin'],
    body: ConnectionUpdateSchema,
  },
  {
    method: 'delete',
    path: '/api/connections/{id}',
    summary: 'Delete a connection',
    access: ['admin'],
    status: 204,
  },
  {
    method: 'post',
    path: '/api/connections/{id}/test',
    summary: 'Test a connection',
    access: ['admin'],
  },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', access: 'signed-in' },
];
