import sanitizeHtml from 'sanitize-html';

/*
 * Approved content is plain text or HTML (an AI step may write either, a reviewer may edit it).
 * What leaves for HTML targets (email, WordPress) is sanitized: no scripts, styles, event
 * handlers or javascript: links, whoever wrote them.
 */

const HTML_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'h1', 'h2'],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  disallowedTagsMode: 'discard',
};

export function looksLikeHtml(text: string): boolean {
  return /<([a-z][a-z0-9]*)\b[^>]*>/i.test(text);
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function sanitize(html: string): string {
  return sanitizeHtml(html, HTML_OPTIONS);
}

/** Plain text to HTML: blank lines make paragraphs, single newlines make line breaks. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => para.trim())
    .filter(Boolean)
    .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** HTML to a readable plain-text part: block ends become newlines, tags and entities go. */
export function htmlToText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr|blockquote|pre)>/gi, '\n\n')
    .replace(/<li[^>]*>/gi, '- ');
  const stripped = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return stripped
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Sanitized HTML and a text part for any approved content. */
export function toHtmlAndText(content: string): { html: string; text: string } {
  if (looksLikeHtml(content)) {
    const html = sanitize(content);
    return { html, text: htmlToText(html) };
  }
  return { html: textToHtml(content), text: content.trim() };
}
