import { describe, expect, it } from 'vitest';
import { EMPTY_NAME_PROBLEM, flowNameProblem, nameToSave } from './flow-name.js';

describe('flowNameProblem', () => {
  it('asks for a name when the field is empty or blank', () => {
    expect(flowNameProblem('')).toBe(EMPTY_NAME_PROBLEM);
    expect(flowNameProblem('   \t')).toBe(EMPTY_NAME_PROBLEM);
  });

  it('accepts any name with a visible character', () => {
    expect(flowNameProblem('Spring launch')).toBeNull();
    expect(flowNameProblem('  x ')).toBeNull();
  });
});

describe('nameToSave', () => {
  it('sends the name as typed when it can be saved', () => {
    expect(nameToSave('New name', 'Old name')).toBe('New name');
  });

  it('keeps sending the last good name while the field is empty or blank', () => {
    expect(nameToSave('', 'Old name')).toBe('Old name');
    expect(nameToSave('  ', 'Old name')).toBe('Old name');
  });
});
