import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { OfflineAiNotice } from './AppShell.js';

describe('OfflineAiNotice', () => {
  it('tells an admin how to connect a real model', () => {
    expect(renderToStaticMarkup(<OfflineAiNotice isAdmin />)).toContain('OPENAI_API_KEY');
  });

  it('spares everyone else the server settings: what they see, and who can change it', () => {
    const html = renderToStaticMarkup(<OfflineAiNotice isAdmin={false} />);
    expect(html).not.toContain('OPENAI');
    expect(html).toContain('sample drafts');
    expect(html).toContain('An admin can connect a real AI model');
  });
});
