import { describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import { publishLibraryConfigSchema } from '@tandem/nodes';
import { createSafeHttpClient } from '../http/safe-http.client.js';
import { isHtmlDocument, titleFromContent } from './library.channel.js';
import { LibraryPublishConfigSchema } from './publish-config.schema.js';
import { createPublisher } from './publisher.js';
import { connectionStore, publishRequest, recordingLogger } from './testing/fixtures.js';

function publisher() {
  const http = createSafeHttpClient({});
  // Any request the library made would be a bug: it keeps content in Tandem.
  const refuse = () => Promise.reject(new Error('the library must not send anything'));
  return createPublisher({
    http: { ...http, request: refuse },
    resolveConnection: connectionStore([]).resolve,
    logger: recordingLogger(),
  });
}

describe('content library channel', () => {
  it('keeps the approved content with its title and collection, sending nothing', async () => {
    const result = await publisher().publish(
      publishRequest('library', { collection: 'Blog posts', titleTemplate: '' }),
    );
    expect(result).toEqual({
      status: null,
      target: 'Content library · Blog posts',
      durationMs: 0,
      request: {
        title: 'Spring launch',
        collection: 'Blog posts',
        format: 'text',
        reviewed: true,
        text: 'Our spring collection is here.\n\nCome and see it.',
      },
    });
  });

  it('keeps text exactly as approved, however many angle brackets it has', async () => {
    const text =
      '# Spring tips\n\nWrite to <hello@example.com> or read <https://example.com/spring>.\n\nIf x<y and y>z, choose <b>medium</b>.';
    const result = await publisher().publish(publishRequest('library', {}, { content: { text } }));
    expect(result.request).toMatchObject({ title: 'Spring tips', format: 'text', text });
  });

  it('keeps an AI step’s JSON as JSON, titled by its title field, and says when unreviewed', async () => {
    const data = { headline: 'Budget moves', changes: [{ channel: 'search', note: '<b>up</b>' }] };
    const result = await publisher().publish(
      publishRequest(
        'library',
        { reviewed: false },
        { content: { text: JSON.stringify(data, null, 2), data } },
      ),
    );
    expect(result.request).toEqual({
      title: 'Budget moves',
      collection: '',
      format: 'json',
      reviewed: false,
      text: JSON.stringify(data, null, 2),
    });
  });

  it('titles an untitled HTML document with its first line and sanitizes it', async () => {
    const result = await publisher().publish(
      publishRequest(
        'library',
        {},
        {
          content: {
            text: '<h1>Spring is here</h1><p onclick="steal()">Read <a href="javascript:x()">on</a></p><script>alert(1)</script>',
          },
        },
      ),
    );
    expect(result.target).toBe('Content library');
    expect(result.request).toMatchObject({
      title: 'Spring is here',
      collection: '',
      format: 'html',
    });
    const html = String(result.request.text);
    expect(html).toContain('<h1>Spring is here</h1>');
    expect(html).not.toMatch(/script|onclick|javascript:/);
    expect(isHtmlDocument('  <p>Hi</p>')).toBe(true);
    expect(isHtmlDocument('Hi <b>there</b>')).toBe(false);
  });

  it('reads titles from Markdown and plain text', () => {
    expect(titleFromContent('\n\n# Ten tips for spring\n\nBody')).toBe('Ten tips for spring');
    expect(titleFromContent('**Bold title**\nBody')).toBe('Bold title');
    expect(titleFromContent('   ')).toBe('Untitled');
    expect(titleFromContent('x'.repeat(300))).toHaveLength(200);
  });

  it('refuses a collection name past the limit as a settings error', async () => {
    const error = await publisher()
      .publish(publishRequest('library', { collection: 'c'.repeat(81) }))
      .catch((e: unknown) => e);
    expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
  });

  it('accepts every config the catalog’s node accepts', () => {
    const node = publishLibraryConfigSchema.parse({ collection: '  Blog posts ' });
    expect(LibraryPublishConfigSchema.parse(node)).toEqual({
      collection: 'Blog posts',
      reviewed: true,
    });
    expect(LibraryPublishConfigSchema.parse(publishLibraryConfigSchema.parse({}))).toEqual({
      collection: '',
      reviewed: true,
    });
  });
});
