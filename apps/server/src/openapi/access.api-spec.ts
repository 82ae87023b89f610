import { z } from 'zod';
import {
  AuditEventSchema,
  LoginSchema,
  UserCreateSchema,
  UserDirectoryEntrySchema,
  UserSchema,
  UserUpdateSchema,
} from '@tandem/schema';
import { list, type RouteSpec } from './route-spec.js';

// Health, sign-in and sessions, the inbound webhook, users and the audit trail.

const Session = z.object({
  token: z.string(),
  csrfToken: z.string(),
  expiresAt: z.string(),
  user: UserSchema,
});

export const ACCESS_ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/health',
    summary:
      'Whether the store, queue and socket adapter are up (503 when one is down); which ones, and the AI provider, only to a signed-in caller',
    access: 'public',
  },
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in',
    access: 'public',
    unauthenticated: 'the email or password is wrong',
    rateLimited:
      'past 20 failed sign-ins per address, or 5 at one account from one address, in 15 minutes',
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
    summary:
      'Signed inbound webhook trigger (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature); 200 with duplicate: true for a delivery already received',
    access: 'public',
    status: 202,
    unauthenticated:
      'one answer for every refusal: unsigned, badly signed, a timestamp outside five minutes, or a flow that is unknown, unpublished or has no webhook trigger',
    conflict: 'this delivery already started a run of another flow signed with the same secret',
    rateLimited: 'past 600 runs a minute per flow, or 30 refused calls a minute per address',
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
    method: 'get',
    path: '/api/users/directory',
    summary: 'People to choose as reviewers: id, name, roles (no email)',
    access: ['designer', 'admin'],
    response: list(UserDirectoryEntrySchema),
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
    summary: 'Change roles, name, password or disable, from the revision read',
    access: ['admin'],
    body: UserUpdateSchema,
    conflict:
      'someone changed the user since `revision` was read, or the change would leave no enabled admin',
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
];
