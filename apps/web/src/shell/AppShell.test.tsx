import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { OfflineAiNotice } from './AppShell.js';

const render = (isAdmin: boolean) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <OfflineAiNotice isAdmin={isAdmin} />
    </MemoryRouter>,
  );

describe('OfflineAiNotice', () => {
  it('tells an admin how to connect a real model', () => {
    expect(render(true)).toContain('OPENAI_API_KEY');
  });

  it('takes an admin to the connection form, naming the kind as its list does', () => {
    expect(render(true)).toMatch(
      /<a href="\/settings\/connections"[^>]*>add an LLM endpoint in Settings, Connections<\/a>/,
    );
  });

  it('spares everyone else the server settings: what they see, and who can change it', () => {
    const html = render(false);
    expect(html).not.toContain('OPENAI');
    expect(html).toContain('sample drafts');
    expect(html).toContain('An admin can connect a real AI model');
  });
});
