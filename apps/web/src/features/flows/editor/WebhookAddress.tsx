import { Link } from 'react-router';
import { Copy } from 'lucide-react';
import {
  InputFieldListSchema,
  WEBHOOK_SIGNATURE_HEADERS,
  webhookCurlExample,
  webhookPath,
} from '@tandem/nodes';
import type { ConnectionDirectoryEntry } from '@tandem/schema';
import { Button, useToast } from '../../../ui/index.js';
import { CONNECTIONS_SETTINGS } from '../graph/reference-problems.js';
import type { Loadable } from './use-directory.js';

/** The address a webhook-started flow is called at: this app's origin and the hook's path. */
export function webhookUrl(origin: string, flowId: string): string {
  return `${origin}${webhookPath(flowId)}`;
}

/**
 * The signing connection the trigger names, as the directory knows it: its name, or null while
 * none is chosen, the list is loading, or the id is unknown (the picker says which).
 */
export function signingConnectionName(
  connectionId: unknown,
  connections: Loadable<ConnectionDirectoryEntry>,
): string | null {
  if (typeof connectionId !== 'string' || !connectionId || connections.status !== 'ready') {
    return null;
  }
  return connections.items.find((c) => c.id === connectionId)?.name ?? null;
}

/** The trigger's expected fields as far as they are valid: the example body is built from them. */
function expectedFields(config: Record<string, unknown>) {
  const parsed = InputFieldListSchema.safeParse(config.fields ?? []);
  return parsed.success ? parsed.data : [];
}

/**
 * What a developer needs to call a webhook-started flow, in its settings panel: the address,
 * how to sign a call (which headers, with the secret of which connection; never the secret),
 * and an example request to paste. Without it the flow published, and nobody could call it.
 */
export function WebhookAddress({
  origin,
  flowId,
  config,
  connections,
  canManageConnections,
}: {
  /** This app's origin as the browser reached it (what a caller outside reaches, as a rule). */
  origin: string;
  flowId: string;
  config: Record<string, unknown>;
  connections: Loadable<ConnectionDirectoryEntry>;
  canManageConnections: boolean;
}) {
  const toast = useToast();
  const url = webhookUrl(origin, flowId);
  const connection = signingConnectionName(config.connectionId, connections);
  const chosen = typeof config.connectionId === 'string' && config.connectionId.trim() !== '';
  const example = webhookCurlExample({
    url,
    connectionName: connection,
    fields: expectedFields(config),
  });
  const copy = (text: string, what: string) =>
    navigator.clipboard.writeText(text).then(
      () => toast.show(`${what} copied`, 'success', 'webhook-copy'),
      () =>
        toast.show(
          'The browser did not allow copying: select the text and copy it.',
          'error',
          'webhook-copy',
        ),
    );
  const [idHeader, timeHeader, signatureHeader] = WEBHOOK_SIGNATURE_HEADERS;
  return (
    <section
      className="inspector-section webhook-address"
      aria-labelledby="webhook-address-title"
      data-testid="webhook-address"
    >
      <h3 id="webhook-address-title" className="field-label">
        Address to call
      </h3>
      <div className="webhook-url-row">
        <code data-testid="webhook-url">
          <span className="muted">POST </span>
          {url}
        </code>
        <Button size="sm" onClick={() => void copy(url, 'Address')} aria-label="Copy address">
          <Copy size={14} aria-hidden="true" /> Copy
        </Button>
      </div>
      <p className="muted small">
        Each call starts a real run of the latest published version, with its JSON body as the
        input. Until the flow is published, calls are refused.
      </p>
      <h3 className="field-label">How to sign a call</h3>
      <p className="small" data-testid="webhook-signing">
        Standard Webhooks: send <code>{idHeader}</code> (new for every call),{' '}
        <code>{timeHeader}</code> (Unix seconds, within five minutes) and{' '}
        <code>{signatureHeader}</code>: <code>v1,</code> and the base64 HMAC-SHA256 of{' '}
        <code>id.timestamp.body</code>, keyed with the signing secret of{' '}
        {connection ? (
          <>
            the connection <strong>{connection}</strong>
          </>
        ) : chosen ? (
          'the chosen signing connection'
        ) : (
          'a signing connection: choose one below'
        )}
        .{' '}
        {canManageConnections ? (
          <>
            The secret is kept in <Link to={CONNECTIONS_SETTINGS}>Settings → Connections</Link>;
            Tandem never shows it here.
          </>
        ) : (
          'The secret is not shown here: ask an admin for it.'
        )}{' '}
        Unsigned calls are refused with 401.
      </p>
      <details className="webhook-example">
        <summary>Example request (curl)</summary>
        <pre data-testid="webhook-example">{example}</pre>
        <Button size="sm" onClick={() => void copy(example, 'Example')}>
          <Copy size={14} aria-hidden="true" /> Copy example
        </Button>
      </details>
    </section>
  );
}
