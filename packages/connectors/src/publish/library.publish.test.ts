import { describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import { publishLibraryConfigSchema } from '@tandem/nodes';
import { createSafeHttpClient } from '../http/safe-http.client.js';
import { titleFromContent } from './library.channel.js';
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
        text: 'Our spring collection is here.\n\nCome and see it.',
      },
    });
  });

  it('titles an untitled entry with the content’s first line and sanitizes HTML', async () => {
    const result = await publisher().publish(
      publishRequest(
        'library',
        {},
        {
          content: {
            text: '<h1>Spring is here</h1><p onclick="steal()">Read <a href="javascript:x()">on</a></p><script>alert(1)</script>',
            data: { tags: ['spring'] },
          },
        },
      ),
    );
    expect(result.target).toBe('Content library');
    expect(result.request).toMatchObject({
      title: 'Spring is here',
      collection: '',
      format: 'html',
      data: { tags: ['spring'] },
    });
    const html = String(result.request.text);
    expect(html).toContain('<h1>Spring is here</h1>');
    expect(html).not.toMatch(/script|onclick|javascript:/);
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
    expect(LibraryPublishConfigSchema.parse(node)).toEqual({ collection: 'Blog posts' });
    expect(LibraryPublishConfigSchema.parse(publishLibraryConfigSchema.parse({}))).toEqual({
      collection: '',
    });
  });
});
