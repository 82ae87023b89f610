import { describe, expect, it } from 'vitest';
import {
  buildRunInput,
  firstInvalidField,
  initialRunValues,
  inputFieldsOf,
  isSubmitShortcut,
} from './run-input.js';

describe('test-run input', () => {
  const fields = inputFieldsOf({
    fields: [
      { name: 'topic', label: 'Topic', kind: 'text', required: true },
      { name: 'words', kind: 'number', required: false },
      { name: 'link', label: 'Link', kind: 'url', required: false },
      {
        name: 'channel',
        label: 'Channel',
        kind: 'select',
        required: true,
        options: ['blog', 'email'],
      },
      { label: 'half-made field' },
    ],
  });

  it('reads the trigger form, skipping fields without a name', () => {
    expect(fields.map((f) => [f.name, f.label, f.kind])).toEqual([
      ['topic', 'Topic', 'text'],
      ['words', 'words', 'number'],
      ['link', 'Link', 'url'],
      ['channel', 'Channel', 'select'],
    ]);
  });
  it('converts values and reports problems per field', () => {
    expect(
      buildRunInput(fields, { topic: ' Spring sale ', words: '300', channel: 'blog' }),
    ).toEqual({
      input: { topic: 'Spring sale', words: 300, channel: 'blog' },
      errors: {},
    });
    expect(
      buildRunInput(fields, { words: 'many', link: 'ftp://x', channel: 'fax' }).errors,
    ).toEqual({
      topic: 'Required',
      words: 'Enter a number',
      link: 'Enter a web address (http or https)',
      channel: 'Choose one of: blog, email',
    });
  });

  it('names the first field with a problem, in the form’s order', () => {
    const form = inputFieldsOf({
      fields: [
        { name: 'topic', label: 'Topic' },
        { name: 'words', label: 'Words', kind: 'number' },
        { name: 'notes', label: 'Notes', required: false },
      ],
    });
    expect(firstInvalidField(form, { words: 'Enter a number', topic: 'Required' })).toBe('topic');
    expect(firstInvalidField(form, { words: 'Enter a number' })).toBe('words');
    expect(firstInvalidField(form, {})).toBeNull();
  });

  it('sends the form on Ctrl+Enter or Cmd+Enter, not on Enter alone', () => {
    expect(isSubmitShortcut({ key: 'Enter', ctrlKey: true, metaKey: false })).toBe(true);
    expect(isSubmitShortcut({ key: 'Enter', ctrlKey: false, metaKey: true })).toBe(true);
    expect(isSubmitShortcut({ key: 'Enter', ctrlKey: false, metaKey: false })).toBe(false);
    expect(isSubmitShortcut({ key: 'a', ctrlKey: true, metaKey: false })).toBe(false);
  });

  it("starts a scheduled flow's test run with the schedule's values, none of them required", () => {
    const form = inputFieldsOf({
      fields: [
        { label: 'Theme', name: 'theme', value: 'Spring launch' },
        { label: 'Notes', name: 'notes', value: '' },
      ],
    });
    expect(form).toEqual([
      {
        name: 'theme',
        label: 'Theme',
        kind: 'longtext',
        required: false,
        options: [],
        initial: 'Spring launch',
      },
      {
        name: 'notes',
        label: 'Notes',
        kind: 'longtext',
        required: false,
        options: [],
        initial: '',
      },
    ]);
    expect(initialRunValues(form)).toEqual({ theme: 'Spring launch', notes: '' });
    expect(buildRunInput(form, initialRunValues(form))).toEqual({
      input: { theme: 'Spring launch' },
      errors: {},
    });
    // A manual form's fields start empty.
    expect(
      initialRunValues(inputFieldsOf({ fields: [{ name: 'topic', label: 'Topic' }] })),
    ).toEqual({});
  });
});
