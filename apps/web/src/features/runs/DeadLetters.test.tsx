import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import type { Publication } from '@tandem/schema';
import { DeadLetterList } from './DeadLetters.js';

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
});
