import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Publication } from '@tandem/schema';
import { RunPublications } from './RunPublications.js';

describe('RunPublications', () => {
  it('does not tell someone refused the list that nothing was published', () => {
    const html = renderToStaticMarkup(<RunPublications pubs="forbidden" />);
    expect(html).not.toContain('Nothing published');
    expect(html).toContain('Publications are shown to designers and managers');
    expect(renderToStaticMarkup(<RunPublications pubs={[]} />)).toContain('Nothing published');
  });

  it('does not say "yet" about a run that is over', () => {
    const html = renderToStaticMarkup(<RunPublications pubs={[]} ended />);
    expect(html).toContain('This run published nothing');
    expect(html).not.toContain('yet');
  });

  const pub: Publication = {
    id: 'pub_1',
    key: 'run_1:publish',
    runId: 'run_1',
    flowId: 'flw_1',
    nodeId: 'publish',
    channel: 'webhook',
    status: 'dead',
    contentHash: 'abc',
    request: {},
    target: 'https://cms.example/hooks',
    attempts: [],
    externalId: null,
    error: 'The host cms.example could not be resolved',
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:05.000Z',
    revision: 1,
  };

  it('says a publication that ran out of retries gave up, not the internal word "dead"', () => {
    const html = renderToStaticMarkup(<RunPublications pubs={[pub]} />);
    expect(html).toContain('Gave up');
    expect(html).not.toMatch(/>dead</);
  });

  it('names a publication by its step and channel, says what happens next, and shows no key', () => {
    const html = renderToStaticMarkup(
      <RunPublications pubs={[pub]} stepName={() => 'Post to the CMS'} />,
    );
    expect(html).toContain('Post to the CMS');
    expect(html).toContain('Webhook');
    expect(html).toContain('an admin can send it again from Dead letters');
    expect(html).not.toContain('run_1:publish');
    expect(html).not.toMatch(/>webhook</);
  });
});
