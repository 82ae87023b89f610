import type { InputField } from '../trigger-manual/input-fields.js';

/*
 * Where a webhook-started flow is called and how the call is signed: one source for the server's
 * route, the editor's "call this address" panel and the example it gives developers.
 */

/** The Express route that takes deliveries (apps/server webhooks router). */
export const WEBHOOK_ROUTE = '/api/hooks/:flowId';

/** The path a flow's webhook is called at; the editor puts the browser's origin before it. */
export function webhookPath(flowId: string): string {
  return WEBHOOK_ROUTE.replace(':flowId', encodeURIComponent(flowId));
}

/** The Standard Webhooks headers a call carries, in the order they are explained. */
export const WEBHOOK_SIGNATURE_HEADERS = [
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
] as const;

/** Said on the trigger's "Signing connection" field and at publish while none is chosen. */
export const NO_SIGNING_CONNECTION =
  'Choose a signing connection: without one every call to this webhook is refused';

/** A value of the field's kind, so the example body passes the trigger's own checks. */
function sampleValue(field: InputField): string | number {
  switch (field.kind) {
    case 'number':
      return 1;
    case 'url':
      return 'https://example.com/page';
    case 'select':
      return field.options[0] ?? '';
    default:
      return `Example ${field.label.toLowerCase()}`;
  }
}

/** The example JSON body: one value per expected field, `{}` when the trigger expects none. */
export function webhookSampleBody(fields: readonly InputField[]): string {
  return JSON.stringify(Object.fromEntries(fields.map((f) => [f.name, sampleValue(f)])));
}

/** Quotes a value for a POSIX shell: single quotes, with any single quote closed and reopened. */
const shellQuoted = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * A shell script (bash, curl and openssl) that signs a call as the server checks it and sends it:
 * `v1,` + base64 HMAC-SHA256 over `${id}.${timestamp}.${body}`, keyed with the base64 bytes after
 * `whsec_`. The secret is read from TANDEM_WEBHOOK_SECRET, never written into the example: the
 * editor does not have it, and a secret pasted into a command lands in the shell's history.
 */
export function webhookCurlExample({
  url,
  connectionName,
  fields,
}: {
  url: string;
  /** The signing connection's name, so the developer knows which secret to ask for. */
  connectionName: string | null;
  fields: readonly InputField[];
}): string {
  const whose = connectionName ? `the connection "${connectionName}"` : 'its signing connection';
  return [
    `# Set TANDEM_WEBHOOK_SECRET to the signing secret (whsec_...) of ${whose.replaceAll('\n', ' ')}.`,
    `SECRET="\${TANDEM_WEBHOOK_SECRET:?set TANDEM_WEBHOOK_SECRET to the signing secret}"`,
    `BODY=${shellQuoted(webhookSampleBody(fields))}`,
    `ID="msg_$(date +%s)_$RANDOM"`,
    `TS="$(date +%s)"`,
    `KEY="$(printf '%s' "\${SECRET#whsec_}" | base64 -d | od -An -v -tx1 | tr -d ' \\n')"`,
    `SIG="$(printf '%s' "$ID.$TS.$BODY" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY" -binary | base64)"`,
    `curl -sS -X POST ${shellQuoted(url)} \\`,
    `  -H 'content-type: application/json' \\`,
    `  -H "webhook-id: $ID" \\`,
    `  -H "webhook-timestamp: $TS" \\`,
    `  -H "webhook-signature: v1,$SIG" \\`,
    `  --data-raw "$BODY"`,
  ].join('\n');
}
