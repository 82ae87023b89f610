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
