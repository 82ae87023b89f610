import { describe, expect, it } from 'vitest';
import { comboboxKeyAction, type ComboboxRules } from './use-combobox.js';

const suggest: ComboboxRules = { arrowMovesOnOpen: true, escapeClosesEmpty: false };
const picker: ComboboxRules = { arrowMovesOnOpen: false, escapeClosesEmpty: true };
const closed = { open: false, highlight: -1, shownCount: 3 };

describe('comboboxKeyAction', () => {
  it('opens a closed list with an arrow, on the first or last choice or where the picker starts', () => {
    expect(comboboxKeyAction('ArrowDown', closed, suggest)).toEqual({ kind: 'move', highlight: 0 });
    expect(comboboxKeyAction('ArrowUp', closed, suggest)).toEqual({ kind: 'move', highlight: 2 });
    expect(comboboxKeyAction('ArrowDown', closed, picker)).toEqual({ kind: 'open' });
  });

  it('moves the highlight round an open list, whatever the rules', () => {
    for (const rules of [suggest, picker]) {
      const open = { open: true, highlight: 2, shownCount: 3 };
      expect(comboboxKeyAction('ArrowDown', open, rules)).toEqual({ kind: 'move', highlight: 0 });
      expect(comboboxKeyAction('ArrowUp', open, rules)).toEqual({ kind: 'move', highlight: 1 });
    }
  });

  it('picks the highlighted choice with Enter, and lets Enter through with none highlighted', () => {
    expect(
      comboboxKeyAction('Enter', { open: true, highlight: 1, shownCount: 3 }, suggest),
    ).toEqual({ kind: 'pick', index: 1 });
    expect(
      comboboxKeyAction('Enter', { open: true, highlight: -1, shownCount: 3 }, suggest),
    ).toEqual({ kind: 'ignore' });
    expect(comboboxKeyAction('Enter', closed, suggest)).toEqual({ kind: 'ignore' });
    // A highlight left over from a longer list is not a choice.
    expect(comboboxKeyAction('Enter', { open: true, highlight: 3, shownCount: 3 }, picker)).toEqual(
      {
        kind: 'ignore',
      },
    );
  });

  it('closes only the list with Escape, so the next Escape leaves the field', () => {
    expect(
      comboboxKeyAction('Escape', { open: true, highlight: 0, shownCount: 3 }, suggest),
    ).toEqual({ kind: 'close' });
    expect(comboboxKeyAction('Escape', closed, suggest)).toEqual({ kind: 'ignore' });
    expect(comboboxKeyAction('Escape', closed, picker)).toEqual({ kind: 'ignore' });
  });

  it('closes an open list showing no match with Escape only where the rules say so', () => {
    const empty = { open: true, highlight: -1, shownCount: 0 };
    expect(comboboxKeyAction('Escape', empty, suggest)).toEqual({ kind: 'ignore' });
    expect(comboboxKeyAction('Escape', empty, picker)).toEqual({ kind: 'close' });
  });

  it('lets every other key through', () => {
    expect(comboboxKeyAction('Tab', { open: true, highlight: 0, shownCount: 3 }, suggest)).toEqual({
      kind: 'ignore',
    });
    expect(comboboxKeyAction('a', closed, picker)).toEqual({ kind: 'ignore' });
  });
});
