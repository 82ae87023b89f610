import { describe, expect, it } from 'vitest';
import { libraryHtmlDocument } from './library-document.js';

describe('libraryHtmlDocument', () => {
  it('wraps saved HTML in a document with an escaped title', () => {
    const doc = libraryHtmlDocument({ title: '<b>Hi</b> & bye', text: '<p>Body</p>' });
    expect(doc).toContain('<title>&lt;b&gt;Hi&lt;/b&gt; &amp; bye</title>');
    expect(doc).toContain('<p>Body</p>');
    expect(doc).not.toContain('<style>');
    expect(libraryHtmlDocument({ title: 'T', text: '' }, true)).toContain('<style>');
  });
});
