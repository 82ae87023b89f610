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
  /** When the route answers 409 CONFLICT: the client's copy is stale, or a rule refuses it. */
  conflict?: string;
  response?: z.ZodType;
  /** Success status when it is not 200. */
  status?: number;
}

/** The cursor-paged `{ items, nextCursor }` body every list endpoint returns. */
export const list = (item: z.ZodType) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() });
