import type { Logger, PublishRequest } from '@tandem/nodes';
import { notFound, type PublicationChannel } from '@tandem/schema';
import { createSecretBox, generateSecretKey } from '../../crypto/secret-box.js';
import {
  createConnectionResolver,
  sealConnectionSecrets,
  type ConnectionResolver,
} from '../connection.js';
import type { Connection } from '@tandem/schema';

/** A logger that keeps every line, so tests can prove no secret was ever logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export interface ConnectionInput {
  id: string;
  kind: Connection['kind'];
  settings: Record<string, unknown>;
  secrets: Record<string, unknown>;
  disabled?: boolean;
}

/**
 * Connections stored the way the server stores them (secrets sealed with AES-GCM) and opened
 * through the real resolver.
 */
export function connectionStore(inputs: ConnectionInput[]): {
  resolve: ConnectionResolver;
  rows: Map<string, Connection>;
} {
  const box = createSecretBox(generateSecretKey());
  const now = new Date().toISOString();
  const rows = new Map<string, Connection>();
  for (const input of inputs) {
    rows.set(input.id, {
      id: input.id,
      kind: input.kind,
      name: `${input.kind} ${input.id}`,
      settings: input.settings as Connection['settings'],
      secretsCiphertext: sealConnectionSecrets(box, input.id, input.secrets),
      disabled: input.disabled ?? false,
      disabledReason: input.disabled ? 'Gone (410)' : null,
      createdAt: now,
      updatedAt: now,
      revision: 0,
    });
  }
  const connections = {
    get: async (id: string) => {
      const row = rows.get(id);
      if (!row) throw notFound('Connection', id);
      return row;
    },
  };
  return { resolve: createConnectionResolver({ connections, secretBox: box }), rows };
}

export function publishRequest(
  channel: PublicationChannel,
  config: Record<string, unknown>,
  overrides: Partial<PublishRequest> = {},
): PublishRequest {
  return {
    key: 'run_1:publish_1',
    channel,
    runId: 'run_1',
    flowId: 'flow_1',
    nodeId: 'publish_1',
    config,
    content: { title: 'Spring launch', text: 'Our spring collection is here.\n\nCome and see it.' },
    contentHash: 'sha256-abc',
    attempt: 1,
    ...overrides,
  };
}
