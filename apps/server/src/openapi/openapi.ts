import { z } from 'zod';
import { EngineEventSchema } from '@tandem/schema';
import { PUSHED_EVENTS } from '../realtime/push.js';
import { ROUTES } from './api-spec.js';
import type { RouteSpec } from './api-spec.js';

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

/** One OpenAPI parameter per field of the route's query schema. */
function parametersIn(where: 'query' | 'header', query: z.ZodObject | undefined) {
  if (!query) return [];
  const schema = jsonSchema(query, 'input') as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, field]) => ({
    name,
    in: where,
    required: schema.required?.includes(name) ?? false,
    schema: field,
  }));
}

/** The 401 a route answers: from the session check, or from a public route's own check. */
function unauthenticated(route: RouteSpec, error: Record<string, unknown>) {
  if (route.access !== 'public') return { 401: { description: 'UNAUTHENTICATED', ...error } };
  if (!route.unauthenticated) return {};
  return { 401: { description: `UNAUTHENTICATED: ${route.unauthenticated}`, ...error } };
}

function operation(route: RouteSpec) {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const params = [
    ...pathParams,
    ...parametersIn('query', route.query),
    ...parametersIn('header', route.headers),
  ];
  const error = {
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  return {
    summary: route.summary,
    ...(params.length ? { parameters: params } : {}),
    security: route.access === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
    ...(Array.isArray(route.access) ? { 'x-roles': route.access } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(route.status ?? 200)]: {
        description: route.html ?? 'Success',
        ...(route.response
          ? { content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } }
          : route.html
            ? { content: { 'text/html': { schema: { type: 'string' } } } }
            : {}),
      },
      // A malformed id in the path is refused like a bad body (http/malformed-ids.test.ts).
      ...(route.body || route.query || pathParams.length > 0
        ? { 400: { description: 'VALIDATION_FAILED with field paths', ...error } }
        : {}),
      ...unauthenticated(route, error),
      ...(Array.isArray(route.access) ? { 403: { description: 'FORBIDDEN', ...error } } : {}),
      ...(route.conflict ? { 409: { description: `CONFLICT: ${route.conflict}`, ...error } } : {}),
      ...(route.rateLimited
        ? {
            429: {
              description: `RATE_LIMITED: ${route.rateLimited}`,
              headers: {
                'Retry-After': {
                  description: 'Seconds to wait before trying again',
                  schema: { type: 'integer' },
                },
              },
              ...error,
            },
          }
        : {}),
    },
  };
}

/**
 * The events a client can listen for, each with its payload's schema: exactly those the server
 * pushes (PUSHED_EVENTS), where a hand-kept list in the description had fallen behind it.
 */
function socketEvents(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    PUSHED_EVENTS.map((name) => {
      const schema = EngineEventSchema.options.find((o) => o.shape.type.value === name);
      if (!schema) throw new Error(`No schema for the pushed event ${name}`);
      return [name, jsonSchema(schema, 'output')];
    }),
  );
}

/** The OpenAPI 3.1 document, built from the route table and the zod schemas. */
export function buildOpenApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    (paths[route.path] ??= {})[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tandem API',
      version: '1.0.0',
      description:
        'Human-in-the-loop AI marketing workflows. Errors are { error: { code, message, details } }. ' +
        `Live events (${PUSHED_EVENTS.join(', ')}) arrive over socket.io; ` +
        "see x-socket-events for each one's payload.",
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'tandem_session' },
      },
      schemas: { Error: jsonSchema(ErrorBody, 'output') },
    },
    'x-socket-events': socketEvents(),
  };
}
