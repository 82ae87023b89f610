import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { CANCELED_BEFORE_SENDING, MAY_HAVE_ARRIVED, type Publication } from '@tandem/schema';
import { DeadLetterList } from './DeadLetters.js';
import { deadLetterReadLimit, touchesDeadLetters } from './dead-letters.js';

const dead: Publication = {
  id: 'pub_1',
  key: 'run_01m8crnb4j5a9pkhqbejtab0de:post',
  runId: 'run_01m8crnb4j5a9pkhqbejtab0de',
  flowId: 'flw_1',
  nodeId: 'post',
  channel: 'wordpress',
  status: 'dead',
  contentHash: 'abc',
  request: {},
  target: 'https://blog.example',
  attempts: [],
  externalId: null,
  error: 'The site answered 503',
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:05.000Z',
  revision: 1,
};

describe('DeadLetterList', () => {
  it('links each dead letter to its run in words, names the channel, and says what Replay does', () => {
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <DeadLetterList items={[dead]} busy={null} onReplay={() => undefined} />
      </MemoryRouter>,
    );
    expect(html).toContain('>Open the run</a>');
    expect(html).toContain(`href="/runs/${dead.runId}"`);
    expect(html).not.toMatch(new RegExp(`>${dead.runId}<`));
    expect(html).toContain('WordPress');
    expect(html).toContain('never published twice');
  });

  const render = (props: Partial<Parameters<typeof DeadLetterList>[0]>) =>
    renderToStaticMarkup(
      <MemoryRouter>
        <DeadLetterList items={[dead]} busy={null} onReplay={() => undefined} {...props} />
      </MemoryRouter>,
    );

  it('offers no Replay for a canceled run (the server refuses it) and says why', () => {
    expect(render({ items: [{ ...dead, runStatus: 'failed' }] })).toContain('>Replay</button>');
    const html = render({ items: [{ ...dead, runStatus: 'canceled' }] });
    expect(html).not.toContain('>Replay</button>');
    expect(html).toContain('may or may not have it. It cannot be sent again.');
  });

  it('marks a message that may already be posted, so Replay is a deliberate choice', () => {
    const doubtful = {
      ...dead,
      channel: 'slack' as const,
      error: `Slack ${MAY_HAVE_ARRIVED} (No complete answer within 10000 ms). It is not sent again on its own.`,
      runStatus: 'failed' as const,
    };
    const html = render({ items: [doubtful] });
    expect(html).toContain('May already be posted.');
    expect(html).toContain('look in Slack first');
    expect(html).toContain('>Replay anyway</button>');
    // An ordinary failure keeps the plain Replay and no such warning.
    expect(render({ items: [{ ...dead, runStatus: 'failed' }] })).not.toContain('May already');
  });

  it('says a dead letter the cancel settled before sending never reached the receiver', () => {
    const settled = { ...dead, error: CANCELED_BEFORE_SENDING, runStatus: 'canceled' as const };
    const html = render({ items: [settled] });
    expect(html).toContain('nothing reached the receiver');
    expect(html).not.toContain('may or may not have it');
    expect(html).not.toContain('error-text');
  });

  it('offers the older dead letters past the first page', () => {
    expect(render({ onMore: () => undefined })).toContain('Show older dead letters');
    expect(render({})).not.toContain('Show older dead letters');
  });
});

describe('the dead letters as publications move', () => {
  it('reads the list again when a publication gives up, or a listed one moves on', () => {
    expect(touchesDeadLetters({ id: 'pub_9', status: 'dead' }, [dead])).toBe(true);
    expect(touchesDeadLetters({ id: 'pub_1', status: 'pending' }, [dead])).toBe(true);
    expect(touchesDeadLetters({ id: 'pub_9', status: 'succeeded' }, [dead])).toBe(false);
  });

  it("reads again as many as are shown, within the server's limit", () => {
    expect(deadLetterReadLimit(3)).toBe(50);
    expect(deadLetterReadLimit(120)).toBe(120);
    expect(deadLetterReadLimit(900)).toBe(500);
  });
});
