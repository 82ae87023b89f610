import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearDraft, flushDrafts, readDraft, saveDraft } from './review-drafts.js';

describe('review drafts', () => {
  it('gives back what was typed on a task, and only for that task', () => {
    saveDraft('u1', 't1', {
      original: 'AI text',
      edits: 'My text',
      note: 'Shorter',
      tags: ['tone'],
    });
    expect(readDraft('u1', 't1', 'AI text')).toEqual({
      original: 'AI text',
      edits: 'My text',
      note: 'Shorter',
      tags: ['tone'],
    });
    expect(readDraft('u1', 't2', 'AI text')).toBeNull();
  });
  it('gives a reviewer none of the drafts another reviewer left in this tab', () => {
    saveDraft('u1', 't6', { original: 'AI text', edits: 'Mine', note: 'Not yours', tags: [] });
    expect(readDraft('u2', 't6', 'AI text')).toBeNull();
    expect(readDraft('u1', 't6', 'AI text')).toMatchObject({ edits: 'Mine' });
  });
  it('does not restore edits made against content that has changed since', () => {
    saveDraft('u1', 't3', { original: 'Old draft', edits: 'Edited', note: '', tags: [] });
    expect(readDraft('u1', 't3', 'New draft')).toBeNull();
  });
  it('forgets a draft once it is sent or emptied', () => {
    saveDraft('u1', 't4', { original: 'A', edits: 'B', note: '', tags: [] });
    clearDraft('u1', 't4');
    expect(readDraft('u1', 't4', 'A')).toBeNull();
    saveDraft('u1', 't5', { original: 'A', edits: 'B', note: '', tags: [] });
    saveDraft('u1', 't5', { original: 'A', edits: null, note: '  ', tags: [] });
    expect(readDraft('u1', 't5', 'A')).toBeNull();
  });
});

describe('review drafts in sessionStorage', () => {
  const stored = new Map<string, string>();
  const writes: string[] = [];
  const page = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });

  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', page);
    vi.stubGlobal('document', doc);
    vi.stubGlobal('sessionStorage', {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => {
        writes.push(key);
        stored.set(key, value);
      },
      removeItem: (key: string) => stored.delete(key),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const typing = (note: string) => ({ original: 'AI text', edits: null, note, tags: [] });

  it('writes once typing pauses, and not again for a draft that did not change', () => {
    flushDrafts();
    writes.length = 0;
    saveDraft('u1', 's1', typing('S'));
    saveDraft('u1', 's1', typing('Sh'));
    saveDraft('u1', 's1', typing('Sho'));
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(writes).toEqual(['tandem.review-draft.u1.s1']);
    saveDraft('u1', 's1', typing('Sho'));
    vi.advanceTimersByTime(300);
    expect(writes).toHaveLength(1);
  });

  it('writes what was just typed as the page goes away or is hidden', () => {
    saveDraft('u1', 's2', typing('Last words'));
    expect(stored.has('tandem.review-draft.u1.s2')).toBe(false);
    page.dispatchEvent(new Event('pagehide'));
    expect(JSON.parse(stored.get('tandem.review-draft.u1.s2')!)).toMatchObject({
      note: 'Last words',
    });

    saveDraft('u1', 's3', typing('Switching apps'));
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(JSON.parse(stored.get('tandem.review-draft.u1.s3')!)).toMatchObject({
      note: 'Switching apps',
    });
  });

  it('forgets a sent draft at once, even one still waiting to be written', () => {
    saveDraft('u1', 's4', typing('Kept'));
    vi.advanceTimersByTime(300);
    saveDraft('u1', 's4', typing('Kept, then sent'));
    clearDraft('u1', 's4');
    page.dispatchEvent(new Event('pagehide'));
    expect(stored.has('tandem.review-draft.u1.s4')).toBe(false);
    expect(readDraft('u1', 's4', 'AI text')).toBeNull();
  });
});
