import { describe, expect, it } from 'vitest';
import { commandFor } from './shortcuts.js';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('commandFor', () => {
  it('maps the editing shortcuts on Windows and Mac', () => {
    expect(commandFor(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(commandFor(key('Z', { metaKey: true, shiftKey: true }), false)).toBe('redo');
    expect(commandFor(key('y', { ctrlKey: true }), false)).toBe('redo');
    expect(commandFor(key('d', { metaKey: true }), false)).toBe('duplicate');
    expect(commandFor(key('Delete'), false)).toBe('delete');
    expect(commandFor(key('Backspace'), false)).toBe('delete');
    expect(commandFor(key('l'), false)).toBe('layout');
    expect(commandFor(key('?', { shiftKey: true }), false)).toBe('help');
  });
  it('leaves typing alone, except save', () => {
    expect(commandFor(key('Backspace'), true)).toBeNull();
    expect(commandFor(key('z', { ctrlKey: true }), true)).toBeNull();
    expect(commandFor(key('l'), true)).toBeNull();
    expect(commandFor(key('s', { ctrlKey: true }), true)).toBe('save');
  });
  it('leaves a field on Escape, and closes the step settings from anywhere else', () => {
    expect(commandFor(key('Escape'), true)).toBe('leave-field');
    expect(commandFor(key('Escape'), false)).toBe('close-panel');
    expect(commandFor(key('Escape', { ctrlKey: true }), false)).toBeNull();
  });
  it('ignores other keys', () => {
    expect(commandFor(key('x'), false)).toBeNull();
    expect(commandFor(key('l', { altKey: true }), false)).toBeNull();
  });
});
