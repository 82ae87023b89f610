import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { CANCELED_BEFORE_SENDING, type Publication } from '@tandem/schema';
import { RunPublications } from './RunPublications.js';

describe('RunPublications', () => {
  it('does not tell someone refused the list that nothing was published', () => {
    const html = renderToStaticMarkup(<RunPublications pubs="forbidden" />);
    expect(html).not.toContain('Nothing published');
    expect(html).toContain('Publications are shown to designers and managers');
    expect(renderToStaticMarkup(<RunPublications pubs={[]} />)).toContain('Nothing published');
  });

  it('does not say "yet" about a run that is over', () => {
    const html = renderToStaticMarkup(<RunPublications pubs={[]} runStatus="succeeded" />);
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

  it('says a library entry was saved, links to it, and shows no delivery attempts', () => {
    const saved: Publication = {
      ...pub,
      channel: 'library',
      status: 'succeeded',
      target: 'Content library · Blog posts',
      error: null,
    };
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <RunPublications pubs={[saved]} runStatus="succeeded" />
      </MemoryRouter>,
    );
    expect(html).toContain('Saved');
    expect(html).not.toContain('Delivered');
    expect(html).toContain('Content library · Blog posts');
    expect(html).toContain('href="/library/pub_1"');
    expect(html).not.toContain('Delivery attempts');
  });

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

  it('does not promise another try once the run is over (canceled during a retry wait)', () => {
    const retrying = { ...pub, status: 'failed' as const, error: 'The receiver answered 503' };
    const live = renderToStaticMarkup(<RunPublications pubs={[retrying]} runStatus="running" />);
    expect(live).toContain('Failed, retrying');
    expect(live).toContain('will try again on its own');
    const canceled = renderToStaticMarkup(
      <RunPublications pubs={[retrying]} runStatus="canceled" />,
    );
    expect(canceled).not.toContain('retrying');
    expect(canceled).not.toContain('try again on its own');
    expect(canceled).toContain('Not sent');
    expect(canceled).toContain('canceled before Tandem tried again');
    const failed = renderToStaticMarkup(<RunPublications pubs={[retrying]} runStatus="failed" />);
    expect(failed).toContain('Not sent');
    expect(failed).not.toContain('try again on its own');
  });

  it('does not send an admin to Dead letters for a canceled run, which cannot be replayed', () => {
    const html = renderToStaticMarkup(<RunPublications pubs={[pub]} runStatus="canceled" />);
    expect(html).toContain('Gave up');
    expect(html).not.toContain('Dead letters');
    expect(html).toContain('cannot be sent again');
  });

  it('tells a publication the cancel settled before sending from one it cut off mid-send', () => {
    const cutOff = renderToStaticMarkup(<RunPublications pubs={[pub]} runStatus="canceled" />);
    expect(cutOff).toContain('may or may not have it');
    const settled = { ...pub, error: CANCELED_BEFORE_SENDING };
    const never = renderToStaticMarkup(<RunPublications pubs={[settled]} runStatus="canceled" />);
    expect(never).toContain('Not sent');
    expect(never).toContain('nothing reached the receiver');
    expect(never).not.toContain('may or may not have it');
    expect(never).not.toContain('Gave up');
  });

  it('does not say nothing reached the receiver when an earlier attempt failed', () => {
    const attempt = {
      at: '2026-01-01T10:00:01.000Z',
      status: null,
      durationMs: 30_000,
      error: 'The receiver did not answer in time',
      responseExcerpt: null,
    };
    const settled = { ...pub, status: 'pending' as const, attempts: [attempt] };
    const html = renderToStaticMarkup(
      <RunPublications
        pubs={[{ ...settled, status: 'dead', error: CANCELED_BEFORE_SENDING }]}
        runStatus="canceled"
      />,
    );
    expect(html).not.toContain('nothing reached the receiver');
    expect(html).toContain('An earlier attempt failed, yet the receiver may still have it');
  });
});
