import { z } from 'zod';
import {
  AutomationUpdateSchema,
  FlowInputSchema,
  FlowSchema,
  FlowVersionSchema,
  PageQuerySchema,
  RunSchema,
  RunStartSchema,
} from '@tandem/schema';
import { scheduleTimingSchema } from '@tandem/nodes';
import { FlowCopySchema, FlowPutHeadersSchema } from '../flows/flows.router.js';
import { RunListQuery } from '../runs/runs.service.js';
import { list, type RouteSpec } from './route-spec.js';

// The node catalog and templates, flows with their versions and automation levels, and runs.

const RunCreated = z.object({ id: z.string(), status: z.string(), run: RunSchema });

export const FLOW_ROUTES: RouteSpec[] = [
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
    summary: 'List flows, each with its published version’s schedule (null when none)',
    access: 'signed-in',
    response: list(FlowSchema.extend({ publishedSchedule: scheduleTimingSchema.nullable() })),
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
    summary: 'Replace a flow draft (If-Match: the revision loaded, or *)',
    access: ['designer', 'admin'],
    headers: FlowPutHeadersSchema,
    body: FlowInputSchema,
    response: FlowSchema,
    conflict: 'The draft was saved by someone else since the revision in If-Match',
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
    path: '/api/flows/{id}/copy',
    summary: 'Copy the draft as a new unpublished flow ("Copy of <name>" unless named)',
    access: ['designer', 'admin'],
    body: FlowCopySchema,
    response: FlowSchema,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/flows/{id}/publish',
    summary:
      'Publish the draft as a new version (201); a draft the latest version already holds (same graph and name) creates nothing: 200 with that version and `created: false`',
    access: ['designer', 'admin'],
    response: z.object({
      version: z.number(),
      flowVersion: FlowVersionSchema,
      created: z.boolean(),
    }),
    status: 201,
  },
  {
    method: 'get',
    path: '/api/flows/{id}/versions',
    summary: 'Published versions, newest first, a page at a time',
    access: 'signed-in',
    query: PageQuerySchema,
    response: list(FlowVersionSchema),
  },
  {
    method: 'get',
    path: '/api/flows/{id}/versions/{number}',
    summary: 'One published version by its number',
    access: 'signed-in',
    response: FlowVersionSchema,
  },
  {
    method: 'post',
    path: '/api/flows/{id}/runs',
    summary:
      'Start a run on the latest version; `test: true` starts a test run (publish steps send nothing, checkpoints ask the starter alone)',
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
    summary: 'List runs, newest first (flowId, status, startedBy, outcome, test filters)',
    access: ['designer', 'manager', 'admin'],
    query: RunListQuery,
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
];
