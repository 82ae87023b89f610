import { ACCESS_ROUTES } from './access.api-spec.js';
import { FLOW_ROUTES } from './flows.api-spec.js';
import { REVIEW_ROUTES } from './review.api-spec.js';
import type { RouteSpec } from './route-spec.js';
import { SETTINGS_ROUTES } from './settings.api-spec.js';

/*
 * The API's table of contents: every route with who may call it and the zod schemas of what it
 * takes and returns. `GET /api/openapi.json` is generated from it, and the route-inventory test
 * checks it against the routes Express actually has. Each area lists its routes in its own
 * `<area>.api-spec.ts`; the order here is the order of the generated document.
 */

export type { RouteAccess, RouteSpec } from './route-spec.js';

export const ROUTES: RouteSpec[] = [
  ...ACCESS_ROUTES,
  ...FLOW_ROUTES,
  ...REVIEW_ROUTES,
  ...SETTINGS_ROUTES,
  { method: 'get', path: '/api/openapi.json', summary: 'This document', access: 'signed-in' },
];
