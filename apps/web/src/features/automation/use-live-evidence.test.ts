import { describe, expect, it } from 'vitest';
import { changesCheckpoints, changesEvidence, changesLevels } from './use-live-evidence.js';

const checkpoints = new Set(['review']);

describe('changesEvidence', () => {
  it('reloads on a decision on one of the flow’s tasks, not on claims or other flows', () => {
    expect(
      changesEvidence('flw_a', checkpoints, { task: { flowId: 'flw_a' }, change: 'decided' }),
    ).toBe(true);
    expect(
      changesEvidence('flw_a', checkpoints, { task: { flowId: 'flw_a' }, change: 'claimed' }),
    ).toBe(false);
    expect(
      changesEvidence('flw_a', checkpoints, { task: { flowId: 'flw_b' }, change: 'decided' }),
    ).toBe(false);
  });

  it('reloads when one of the flow’s checkpoints finishes, not on other steps', () => {
    const step = (nodeId: string, status: 'done' | 'running') => ({ nodeId, status });
    expect(
      changesEvidence('flw_a', checkpoints, { flowId: 'flw_a', step: step('review', 'done') }),
    ).toBe(true);
    expect(
      changesEvidence('flw_a', checkpoints, { flowId: 'flw_a', step: step('draft', 'done') }),
    ).toBe(false);
    expect(
      changesEvidence('flw_a', checkpoints, { flowId: 'flw_a', step: step('review', 'running') }),
    ).toBe(false);
    expect(
      changesEvidence('flw_a', checkpoints, { flowId: 'flw_b', step: step('review', 'done') }),
    ).toBe(false);
  });
});

describe('changesLevels', () => {
  it('reloads on a level change in the flow, also of a checkpoint a new version just added', () => {
    expect(changesLevels('flw_a', { setting: { flowId: 'flw_a' } })).toBe(true);
    expect(changesLevels('flw_a', { setting: { flowId: 'flw_b' } })).toBe(false);
  });
});

describe('changesCheckpoints', () => {
  it('reloads when the flow publishes a version (a checkpoint added, renamed or given a new default)', () => {
    expect(changesCheckpoints('flw_a', { flowId: 'flw_a' })).toBe(true);
    expect(changesCheckpoints('flw_a', { flowId: 'flw_b' })).toBe(false);
  });
});
