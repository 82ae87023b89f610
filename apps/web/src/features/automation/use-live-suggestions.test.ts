import { describe, expect, it } from 'vitest';
import { changesSuggestions } from './use-live-suggestions.js';

describe('changesSuggestions', () => {
  it('reloads when one of the flow’s suggestions is proposed or decided, not another flow’s', () => {
    expect(changesSuggestions('flw_a', { suggestion: { flowId: 'flw_a' } })).toBe(true);
    expect(changesSuggestions('flw_a', { suggestion: { flowId: 'flw_b' } })).toBe(false);
  });

  it('reloads on a decision in the flow (an accepted suggestion’s effect counts it), not on claims', () => {
    expect(changesSuggestions('flw_a', { task: { flowId: 'flw_a' }, change: 'decided' })).toBe(
      true,
    );
    expect(changesSuggestions('flw_a', { task: { flowId: 'flw_a' }, change: 'claimed' })).toBe(
      false,
    );
    expect(changesSuggestions('flw_a', { task: { flowId: 'flw_b' }, change: 'decided' })).toBe(
      false,
    );
  });
});
