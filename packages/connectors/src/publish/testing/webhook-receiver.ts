import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { isAppError, type AppError } from '@tandem/schema';
import type { PublishResult } from '@tandem/nodes';
import { createSafeHttpClient } from '../../http/safe-http.client.js';
import {
  startLocalHttpServer,
  type LocalHttpServer,
  type RecordedRequest,
} from '../../http/testing/local-http-server.js';
import { createPublisher } from '../publisher.js';
import { computeBackoffMs } from '../retry.js';
import { generateWebhookSecret } from '../webhook-signing.js';
import { connectionStore, publishRequest, recordingLogger } from './fixtures.js';

/*
 * A receiver that verifies every delivery the Standard Webhooks way (with the reference
 * `standardwebhooks` library, not our signing code) and treats webhook-id as its dedupe key,
 * the way receivers are told to. Its answers are scripted per test.
 */

export const SECRET = generateWebhookSecret();
const OLD_SECRET = generateWebhookSecret();

interface Delivery {
  id: string;
  idempotencyKey: string;
  verifiedWith: string[];
  body: unknown;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

function verify(req: RecordedRequest): Delivery {
  const headers = {
    'webhook-id': String(req.headers['webhook-id']),
    'webhook-timestamp': String(req.headers['webhook-timestamp']),
    'webhook-signature': String(req.headers['webhook-signature']),
  };
  const verifiedWith: string[] = [];
  for (const [name, secret] of [
    ['current', SECRET],
    ['previous', OLD_SECRET],
  ] as const) {
    try {
      new Webhook(secret).verify(req.body, headers);
      verifiedWith.push(name);
    } catch {
      // not signed with this secret
    }
  }
  return {
    id: headers['webhook-id'],
    idempotencyKey: String(req.headers['idempotency-key']),
    verifiedWith,
    body: JSON.parse(req.body),
  };
}

/**
 * Starts the receiver for the calling test file and resets it before each test. `script` is
 * answered first, one answer per request, then `fallback`; `effective` holds the deliveries a
 * receiver deduping on webhook-id would act on.
 */
export function useWebhookReceiver() {
  const { resolve, rows } = connectionStore([
    {
      id: 'hook',
      kind: 'webhook',
      settings: { url: 'PLACEHOLDER' },
      secrets: { signingSecret: SECRET, headers: { 'X-Source': 'tandem' } },
    },
    {
      id: 'keyed',
      kind: 'webhook',
      settings: { url: 'PLACEHOLDER' },
      secrets: { headers: { 'X-Api-Key': 'connection-header-api-key' } },
    },
    {
      // Saved before header values were sealed: they sit in plain text in the settings.
      id: 'legacy',
      kind: 'webhook',
      settings: { url: 'PLACEHOLDER', headers: { 'X-Api-Key': 'legacy-header-api-key' } },
      secrets: {},
    },
    {
      id: 'rotating',
      kind: 'webhook',
      settings: { url: 'PLACEHOLDER' },
      secrets: { signingSecret: SECRET, previousSigningSecret: OLD_SECRET },
    },
    { id: 'off', kind: 'webhook', settings: { url: 'PLACEHOLDER' }, secrets: {}, disabled: true },
    { id: 'smtp', kind: 'smtp', settings: {}, secrets: {} },
  ]);
  const gone: string[] = [];
  const logger = recordingLogger();
  const http = createSafeHttpClient({ allowPrivateNetwork: true, timeoutMs: 1_500 });
  const publisher = createPublisher({
    http,
    resolveConnection: resolve,
    logger,
    onConnectionGone: (id) => {
      gone.push(id);
    },
  });
  let sink: LocalHttpServer | undefined;
  const receiver = {
    script: [] as Answer[],
    fallback: (() => ({ status: 200 })) as (req: RecordedRequest) => Answer,
    attempts: [] as Delivery[],
    effective: new Map<string, Delivery>(),
    gone,
    logger,
    publisher,
    resolve,
    get sink(): LocalHttpServer {
      if (!sink) throw new Error('The receiver starts in beforeAll');
      return sink;
    },
    /** The engine's loop in miniature: retry retryable failures after computeBackoffMs. */
    async deliverWithRetries(
      config: Record<string, unknown>,
      maxAttempts: number,
    ): Promise<{ result?: PublishResult; errors: AppError[] }> {
      const errors: AppError[] = [];
      for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
        try {
          return {
            result: await publisher.publish(publishRequest('webhook', config, { attempt })),
            errors,
          };
        } catch (error) {
          if (!isAppError(error)) throw error;
          errors.push(error);
          if (!error.retryable) break;
          await sleep(
            computeBackoffMs(attempt, { baseMs: 5, capMs: 20, retryAfterMs: error.retryAfterMs }),
          );
        }
      }
      return { errors };
    },
  };

  beforeAll(async () => {
    sink = await startLocalHttpServer((req, res) => {
      const delivery = verify(req);
      receiver.attempts.push(delivery);
      const step = receiver.script.shift() ?? receiver.fallback(req);
      if (step === 'hang') return;
      if (step.status >= 200 && step.status < 300 && delivery.verifiedWith.length > 0) {
        receiver.effective.set(delivery.id, delivery);
      }
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(JSON.stringify(step.body ?? {}));
    });
    for (const row of rows.values()) {
      if (row.kind === 'webhook')
        row.settings = { ...row.settings, url: `${sink.origin}/hooks/in` };
    }
  });
  afterAll(() => sink?.close());
  beforeEach(() => {
    receiver.script = [];
    receiver.fallback = () => ({ status: 200, body: { ok: true } });
    receiver.attempts.length = 0;
    receiver.effective.clear();
    gone.length = 0;
  });
  return receiver;
}
