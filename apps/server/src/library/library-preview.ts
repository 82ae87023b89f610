import type { Response } from 'express';
import { z } from 'zod';
import { AppError, libraryHtmlDocument, type LibraryEntry } from '@tandem/schema';

/*
 * An HTML entry's preview is its own document, served with its own Content-Security-Policy
 * rather than written into the page (`srcdoc`): a srcdoc frame inherits the app's policy,
 * which allows images from the app only, so a newsletter's images could never show. Here the
 * policy is the preview's alone. Remote images stay blocked unless asked for, as in an email
 * client, because loading one tells its sender that (and when) the page was opened.
 */

export const PreviewQuerySchema = z.strictObject({
  /** `1` lets the page load its https (and data:) images; anything else keeps them hidden. */
  images: z.enum(['0', '1']).default('0'),
});

/**
 * The preview's policy: sandboxed (no scripts, forms, popups; an opaque origin, so nothing
 * in it can reach the app even when opened on its own), nothing fetched but inline styles
 * and, when shown, https and data: images. Only the app may frame it.
 */
export function previewPolicy(showImages: boolean): string {
  return [
    'sandbox',
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    ...(showImages ? ['img-src https: data:'] : []),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** Sends the entry as a page under the preview's policy; only HTML entries have one. */
export function sendPreview(res: Response, entry: LibraryEntry, showImages: boolean): void {
  if (entry.format !== 'html') {
    throw new AppError({
      code: 'NOT_FOUND',
      message: `Library entry ${entry.id} is ${entry.format}, not HTML: it has no page to preview`,
      details: { id: entry.id, format: entry.format },
    });
  }
  // Replaces the app's policy that helmet set for every response (frame-ancestors 'none').
  res.setHeader('Content-Security-Policy', previewPolicy(showImages));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // One reader's content: no shared cache keeps it, and each opening asks again.
  res.setHeader('Cache-Control', 'private, no-cache');
  res.type('html').send(libraryHtmlDocument(entry, true));
}
