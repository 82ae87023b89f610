import { z } from 'zod';

export type RouteAccess = 'public' | 'signed-in' | string[];

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  access: RouteAccess;
  body?: z.ZodType;
  /** Query parameters, an object schema (paging: `limit`, `cursor`). */
  query?: z.ZodObject;
  /** Request headers the route reads, an object schema (`if-match`). */
  headers?: z.ZodObject;
  /** When the route answers 409 CONFLICT: the client's copy is stale, or a rule refuses it. */
  conflict?: string;
  /**
   * When a public route answers 401 UNAUTHENTICATED: it checks its own credential (a password,
   * a signature). Routes behind a session get their 401 from the session check.
   */
  unauthenticated?: string;
  /** When the route answers 429 RATE_LIMITED (with Retry-After): whom it limits, how much. */
  rateLimited?: string;
  response?: z.ZodType;
  /** The route answers an HTML page, not JSON: what the page is. */
  html?: string;
  /** Success status when it is not 200. */
  status?: number;
}

/** The cursor-paged `{ items, nextCursor }` body every list endpoint returns. */
export const list = (item: z.ZodType) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() });
