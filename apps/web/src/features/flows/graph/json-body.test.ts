import { describe, expect, it } from 'vitest';
import { jsonBodyProblem, publishSampleKinds } from './json-body.js';

const kinds = publishSampleKinds({
  nodes: [
    {
      data: {
        nodeType: 'trigger.manual',
        config: {
          fields: [
            { name: 'topic', kind: 'text' },
            { name: 'budget', kind: 'number' },
          ],
        },
      },
    },
  ],
});
const problem = (body: string | undefined) => jsonBodyProblem(body, kinds);

describe('jsonBodyProblem', () => {
  it('warns about a body that cannot render valid JSON for any input', () => {
    expect(problem('{ "text": {{ content.text }} }')).toMatch(/does not render valid JSON/);
    expect(problem('{{ content.text }}')).toMatch(/does not render valid JSON/);
    expect(problem('{ "text": {{ content.text | json }}')).toMatch(/does not render valid JSON/);
    expect(problem('{ "topic": {{ input.topic | upcase }} }')).toMatch(/valid JSON/);
    expect(problem('{ "a": 1,, }')).toMatch(/valid JSON/);
  });

  it('accepts valid bodies, numbers and yes/no values put in without quotes', () => {
    expect(problem(undefined)).toBeNull();
    expect(problem('')).toBeNull();
    expect(problem('{ "text": {{ content.text | json }}, "run": "{{ run.id }}" }')).toBeNull();
    expect(problem('{ "budget": {{ input.budget }}, "topic": "{{ input.topic }}" }')).toBeNull();
    expect(
      problem('{ "data": {{ content.data | json }}, "brand": "{{ brand.name }}" }'),
    ).toBeNull();
    expect(problem('{ "ok": {{ "true" }} }')).toBeNull();
  });

  it('stays silent where the type of a value is not known or the body branches', () => {
    expect(problem('{ "x": {{ input.other }} }')).toBeNull();
    expect(problem('{ "x": {{ content.data }} }')).toBeNull();
    expect(problem('{ "n": {{ content.text | size }} }')).toBeNull();
    expect(problem('{% if input.topic %}{ "a": 1 }{% endif %}')).toBeNull();
  });
});
