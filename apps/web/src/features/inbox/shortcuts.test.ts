import { describe, expect, it } from 'vitest';
import { SHORTCUTS, isTypingTarget, resolveShortcut } from './shortcuts.js';

describe('resolveShortcut', () => {
  it('maps the review keys', () => {
    const body = { tagName: 'BODY' };
    const got = ['j', 'k', 'a', 'e', 'c', 'r', 'z', '?'].map((key) =>
      resolveShortcut({ key, target: body }),
    );
    expect(got).toEqual([
      'next',
      'previous',
      'approve',
      'edit',
      'requestChanges',
      'reject',
      'undo',
      'help',
    ]);
    expect(resolveShortcut({ key: 'J' })).toBe('next');
    expect(resolveShortcut({ key: 'x' })).toBeNull();
  });
  it('ignores letters typed into fields', () => {
    for (const target of [
      { tagName: 'TEXTAREA' },
      { tagName: 'input', type: 'text' },
      { tagName: 'INPUT' },
      { tagName: 'SELECT' },
      { tagName: 'DIV', isContentEditable: true },
    ]) {
      expect(resolveShortcut({ key: 'a', target })).toBeNull();
      expect(resolveShortcut({ key: '?', target })).toBeNull();
    }
    expect(resolveShortcut({ key: 'a', target: { tagName: 'INPUT', type: 'checkbox' } })).toBe(
      'approve',
    );
    expect(resolveShortcut({ key: 'a', target: { tagName: 'BUTTON' } })).toBe('approve');
  });
  it('leaves browser shortcuts alone', () => {
    expect(resolveShortcut({ key: 'r', ctrlKey: true })).toBeNull();
    expect(resolveShortcut({ key: 'c', metaKey: true })).toBeNull();
    expect(resolveShortcut({ key: 'a', altKey: true })).toBeNull();
  });
  it('closes and submits from inside a field', () => {
    const field = { tagName: 'TEXTAREA' };
    expect(resolveShortcut({ key: 'Escape', target: field })).toBe('close');
    expect(resolveShortcut({ key: 'Enter', ctrlKey: true, target: field })).toBe('submit');
    expect(resolveShortcut({ key: 'Enter', metaKey: true, target: field })).toBe('submit');
    expect(resolveShortcut({ key: 'Enter', target: field })).toBeNull();
  });
  it('documents every action it dispatches', () => {
    const actions = new Set(SHORTCUTS.map((s) => s.action));
    const dispatched = ['next', 'previous', 'approve', 'edit', 'requestChanges', 'reject', 'undo'];
    for (const a of [...dispatched, 'help']) {
      expect(actions.has(a as never)).toBe(true);
    }
  });
});

describe('isTypingTarget', () => {
  it('is false without a target', () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget(undefined)).toBe(false);
  });
});
