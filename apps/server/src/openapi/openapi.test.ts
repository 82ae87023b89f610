import { describe, expect, it } from 'vitest';
import { EngineEventSchema } from '@tandem/schema';
import { PUSHED_EVENTS } from '../realtime/push.js';
import { buildOpenApiDocument } from './openapi.js';

describe('the OpenAPI document’s socket events', () => {
  const doc = buildOpenApiDocument() as {
    info: { description: string };
    'x-socket-events': Record<string, { properties?: { type?: { const?: string } } }>;
  };

  it('lists exactly the events the server pushes, each with its own payload', () => {
    const events = doc['x-socket-events'];
    expect(Object.keys(events)).toEqual([...PUSHED_EVENTS]);
    for (const name of PUSHED_EVENTS) {
      expect(events[name]!.properties?.type?.const).toBe(name);
    }
  });

  it('names the same events in its description', () => {
    const listed = /Live events \(([^)]*)\)/.exec(doc.info.description)?.[1]?.split(', ');
    expect(listed).toEqual([...PUSHED_EVENTS]);
  });

  it('pushes every event the schema defines, so none is left out of the list', () => {
    const defined = EngineEventSchema.options.map((o) => o.shape.type.value);
    expect([...PUSHED_EVENTS].sort()).toEqual([...defined].sort());
  });
});

describe('the OpenAPI document’s error responses', () => {
  const doc = buildOpenApiDocument() as {
    paths: Record<
      string,
      Record<
        string,
        { responses: Record<string, { description: string; headers?: Record<string, unknown> }> }
      >
    >;
  };
  const responses = (path: string, method: string) => doc.paths[path]![method]!.responses;

  it('lists the inbound webhook’s uniform 401, its 409 and its 429 with Retry-After', () => {
    const hook = responses('/api/hooks/{flowId}', 'post');
    expect(Object.keys(hook).sort()).toEqual(['202', '400', '401', '409', '429']);
    expect(hook['401']!.description).toMatch(/^UNAUTHENTICATED: one answer for every refusal/);
    expect(hook['401']!.description).toContain('unknown');
    expect(hook['429']!.description).toMatch(/^RATE_LIMITED: /);
    expect(hook['429']!.headers).toHaveProperty('Retry-After');
  });

  it('lists the 400 a malformed id in the path gets, on routes with no body or query too', () => {
    for (const [path, method] of [
      ['/api/runs/{id}', 'get'],
      ['/api/flows/{id}', 'delete'],
      ['/api/flows/{id}/versions/{number}', 'get'],
    ] as const) {
      expect(responses(path, method)['400']!.description).toMatch(/^VALIDATION_FAILED/);
    }
    expect(responses('/api/health', 'get')).not.toHaveProperty('400');
  });

  it('lists a 401 on a public route only where the route checks a credential itself', () => {
    expect(responses('/api/auth/login', 'post')).toHaveProperty('401');
    expect(responses('/api/auth/login', 'post')).toHaveProperty('429');
    expect(responses('/api/auth/demo', 'get')).not.toHaveProperty('401');
    expect(responses('/api/health', 'get')).not.toHaveProperty('401');
    expect(responses('/api/auth/me', 'get')['401']!.description).toBe('UNAUTHENTICATED');
  });
});

describe('the OpenAPI document’s test runs', () => {
  type Doc = {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  const doc = buildOpenApiDocument() as Doc;

  it('documents starting a test run and filtering the runs list by it', () => {
    const start = doc.paths['/api/flows/{id}/runs']!.post!.requestBody as {
      content: { 'application/json': { schema: { properties: Record<string, unknown> } } };
    };
    expect(start.content['application/json'].schema.properties.test).toMatchObject({
      type: 'boolean',
    });
    const params = doc.paths['/api/runs']!.get!.parameters as { name: string; schema: unknown }[];
    expect(params.find((p) => p.name === 'test')?.schema).toMatchObject({
      enum: ['true', 'false'],
    });
  });

  it('says that replacing a flow draft needs If-Match, and a brand kit its revision', () => {
    const put = doc.paths['/api/flows/{id}']!.put! as unknown as {
      parameters: { name: string; in: string; required: boolean }[];
    };
    expect(put.parameters).toContainEqual(
      expect.objectContaining({ name: 'if-match', in: 'header', required: true }),
    );
    const kit = (doc.paths['/api/brand-kits/{id}']!.put! as { requestBody: unknown })
      .requestBody as {
      content: { 'application/json': { schema: { required: string[] } } };
    };
    expect(kit.content['application/json'].schema.required).toContain('revision');
  });
});
