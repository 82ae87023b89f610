import { describe, expect, it } from 'vitest';
import { auditDetails, keyToWords } from './audit-details.js';

describe('keyToWords', () => {
  it('turns camelCase and snake_case keys into words, keeping acronyms', () => {
    expect(keyToWords('runId')).toBe('Run ID');
    expect(keyToWords('allowed_link_domains')).toBe('Allowed link domains');
    expect(keyToWords('ip')).toBe('IP');
    expect(keyToWords('reason')).toBe('Reason');
  });
});

describe('auditDetails', () => {
  it('writes plain values out as "Label: value" lines, in order', () => {
    expect(
      auditDetails({ email: 'ada@example.com', roles: ['admin', 'reviewer'], locked: false }),
    ).toEqual([
      { label: 'Email', value: 'ada@example.com' },
      { label: 'Roles', value: 'admin, reviewer' },
      { label: 'Locked', value: 'no' },
    ]);
  });

  it('summarises nested values and says when there is nothing', () => {
    expect(
      auditDetails({
        rules: [{ path: 'a' }, { path: 'b' }],
        limits: { max: 3, unit: 'day' },
        config: { prompt: { text: 'x' } },
        headers: [],
        ip: null,
      }).map((d) => `${d.label}: ${d.value}`),
    ).toEqual([
      'Rules: 2 items',
      'Limits: Max 3, Unit day',
      'Config: 1 field',
      'Headers: none',
      'IP: —',
    ]);
  });

  it('keeps a summarised value whole for the hover title', () => {
    expect(auditDetails({ rules: [{ path: 'a' }] })[0]!.full).toBe('[{"path":"a"}]');
  });

  it('cuts a long value and keeps the whole of it for the hover title', () => {
    const reason =
      'The reviewer asked for a shorter intro, a softer call to action and no emoji at all';
    const [detail] = auditDetails({ reason });
    expect(detail!.value).toHaveLength(60);
    expect(detail!.value.endsWith('…')).toBe(true);
    expect(detail!.full).toBe(reason);
  });

  it('leaves ids whole, however long', () => {
    const runId = `run_${'x'.repeat(80)}`;
    expect(auditDetails({ runId, connectionIds: ['con_a', 'con_b'] })).toEqual([
      { label: 'Run ID', value: runId },
      { label: 'Connection IDs', value: 'con_a, con_b' },
    ]);
  });
});
