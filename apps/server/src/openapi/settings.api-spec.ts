import {
  NotificationPreferenceInputSchema,
  NotificationPreferenceViewSchema,
  NotificationSettingsInputSchema,
  NotificationSettingsViewSchema,
  BrandKitInputSchema,
  BrandKitSchema,
  ConnectionDirectoryEntrySchema,
} from '@tandem/schema';
import {
  ConnectionCreateSchema,
  ConnectionUpdateSchema,
  LlmDraftTestSchema,
} from '../connections/connections.service.js';
import { BrandKitUpdateSchema } from '../brand-kits/brand-kits.router.js';
import { list, type RouteSpec } from './route-spec.js';

// Brand kits and publishing connections.

export const SETTINGS_ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/notifications/preference',
    summary: 'Your choice of review emails, and whether an admin set up sending',
    access: 'signed-in',
    response: NotificationPreferenceViewSchema,
  },
  {
    method: 'put',
    path: '/api/notifications/preference',
    summary: 'Email me when a review waits for me (on or off)',
    access: 'signed-in',
    body: NotificationPreferenceInputSchema,
    response: NotificationPreferenceViewSchema,
  },
  {
    method: 'get',
    path: '/api/notifications/settings',
    summary: 'The SMTP connection that sends notifications and the address links point at',
    access: ['admin'],
    response: NotificationSettingsViewSchema,
  },
  {
    method: 'put',
    path: '/api/notifications/settings',
    summary: 'Set up email notifications (null connection: off)',
    access: ['admin'],
    body: NotificationSettingsInputSchema,
    conflict: 'The settings changed since the revision you read',
    response: NotificationSettingsViewSchema,
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
    summary: 'Replace a brand kit, from the revision loaded',
    access: ['admin'],
    body: BrandKitUpdateSchema,
    response: BrandKitSchema,
    conflict: 'Another admin saved the kit since `revision` was read',
  },
  {
    method: 'get',
    path: '/api/connections',
    summary: 'Connections, secrets masked',
    access: ['admin'],
  },
  {
    method: 'get',
    path: '/api/connections/directory',
    summary: 'Connections to pick in a publish step: id, name, kind (no settings or secrets)',
    access: ['designer', 'admin'],
    response: list(ConnectionDirectoryEntrySchema),
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
    method: 'get',
    path: '/api/connections/{id}/usage',
    summary:
      "What names a connection, asked before removing it: flows whose draft or published version has steps using it (the steps' names), runs under way on a version that does, and whether review emails go out through it",
    access: ['admin'],
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
  {
    method: 'post',
    path: '/api/connections/llm-test',
    summary:
      "Test an LLM endpoint's values before saving them (an edited endpoint's stored key fills a blank one, for the same host only); nothing is stored",
    access: ['admin'],
    body: LlmDraftTestSchema,
  },
];
