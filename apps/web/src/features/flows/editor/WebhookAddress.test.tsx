import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import type { ConnectionDirectoryEntry } from '@tandem/schema';
import { ToastProvider } from '../../../ui/index.js';
import type { Loadable } from './use-directory.js';
import { signingConnectionName, WebhookAddress, webhookUrl } from './WebhookAddress.js';

const SECRET = 'whsec_c2VjcmV0LXRoYXQtbXVzdC1zdGF5LXNlY3JldA==';
const connections: Loadable<ConnectionDirectoryEntry> = {
  status: 'ready',
  items: [{ id: 'con_crm', name: 'Inbound CRM', kind: 'webhook', disabled: false }],
};

const render = (config: Record<string, unknown>, canManageConnections = true) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <ToastProvider>
        <WebhookAddress
          origin="https://tandem.example.com"
          flowId="flw_42"
          config={config}
          connections={connections}
          canManageConnections={canManageConnections}
        />
      </ToastProvider>
    </MemoryRouter>,
  );

describe('a webhook start’s address panel', () => {
  it('builds the address from the browser’s origin and the server’s route', () => {
    expect(webhookUrl('https://tandem.example.com', 'flw_42')).toBe(
      'https://tandem.example.com/api/hooks/flw_42',
    );
  });

  it('names the signing connection once the directory knows it, never guessing', () => {
    expect(signingConnectionName('con_crm', connections)).toBe('Inbound CRM');
    expect(signingConnectionName('con_gone', connections)).toBeNull();
    expect(signingConnectionName(undefined, connections)).toBeNull();
    expect(signingConnectionName('con_crm', { status: 'loading' })).toBeNull();
  });

  it('shows the address, how to sign with which connection, and an example; no secret', () => {
    const html = render({
      connectionId: 'con_crm',
      fields: [{ name: 'topic', label: 'Topic', kind: 'text', required: true, options: [] }],
    });
    expect(html).toContain('https://tandem.example.com/api/hooks/flw_42');
    expect(html).toContain('Copy address');
    expect(html).toContain('<code>webhook-signature</code>');
    expect(html).toContain('the connection <strong>Inbound CRM</strong>');
    expect(html).toContain('href="/settings/connections"');
    expect(html).toContain('TANDEM_WEBHOOK_SECRET');
    expect(html).toContain('{&quot;topic&quot;:&quot;Example topic&quot;}');
    expect(html).not.toContain(SECRET);
  });

  it('asks for a signing connection while none is chosen; a designer is sent to an admin', () => {
    const html = render({}, false);
    expect(html).toContain('a signing connection: choose one below');
    expect(html).toContain('ask an admin for it');
    expect(html).not.toContain('/settings/connections');
    // Expected fields still being typed do not break the example: it sends an empty body.
    expect(render({ fields: [{ label: '' }] })).toContain('BODY=&#x27;{}&#x27;');
  });
});
