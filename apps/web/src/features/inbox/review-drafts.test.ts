import { describe, expect, it } from 'vitest';
import { clearDraft, readDraft, saveDraft } from './review-drafts.js';

describe('review drafts', () => {
  it('gives back what was typed on a task, and only for that task', () => {
    saveDraft('t1', { original: 'AI text', edits: 'My text', note: 'Shorter', tags: ['tone'] });
    expect(readDraft('t1', 'AI text')).toEqual({
      original: 'AI text',
      edits: 'My text',
      note: 'Shorter',
      tags: ['tone'],
    });
    expect(readDraft('t2', 'AI text')).toBeNull();
  });
  it('does not restore edits made against content that has changed since', () => {
    saveDraft('t3', { original: 'Old draft', edits: 'Edited', note: '', tags: [] });
    expect(readDraft('t3', 'New draft')).toBeNull();
  });
  it('forgets a draft once it is sent or emptied', () => {
    saveDraft('t4', { original: 'A', edits: 'B', note: '', tags: [] });
    clearDraft('t4');
    expect(readDraft('t4', 'A')).toBeNull();
    saveDraft('t5', { original: 'A', edits: 'B', note: '', tags: [] });
    saveDraft('t5', { original: 'A', edits: null, note: '  ', tags: [] });
    expect(readDraft('t5', 'A')).toBeNull();
  });
});
