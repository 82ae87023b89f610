import type { Router } from 'express';
import type { Publication, StorePort, Suggestion } from '@tandem/schema';
import type { Clock, Logger } from '@tandem/nodes';
import type { Engine } from '@tandem/engine';
import type { ConnectionLlm, SecretBox } from '@tandem/connectors';
import { createWebhooksRouter } from './webhooks/webhooks.router.js';
import type { WebhookLimits } from './webhooks/webhook-limits.js';
import { createOpenApiRouter } from './openapi/openapi.router.js';
import type { Access } from './auth/access.js';
import type { RedisLink } from './realtime/redis-adapter.js';
import type { QueuePort } from '@tandem/engine';
import type { LearningService } from './learning/learning.service.js';
import { createAutomationRouter } from './automation/automation.router.js';
import { createFeedbackRouter } from './feedback/feedback.router.js';
import { createPublicationsRouter } from './publications/publications.router.js';
import { createLibraryRouter } from './library/library.router.js';
import { createRunsRouter } from './runs/runs.router.js';
import { createSuggestionsRouter } from './suggestions/suggestions.router.js';
import { createSuggestionsService } from './suggestions/suggestions.service.js';
import { createTasksRouter } from './tasks/tasks.router.js';
import { createTasksService } from './tasks/tasks.service.js';
import { createAuditRouter } from './audit/audit.router.js';
import type { AuditService } from './audit/audit.service.js';
import { createAuthPublicRouter, createAuthRouter } from './auth/auth.router.js';
import type { AuthService } from './auth/auth.service.js';
import { createBrandKitsRouter } from './brand-kits/brand-kits.router.js';
import { createConnectionsRouter } from './connections/connections.router.js';
import type { ConnectionsService } from './connections/connections.service.js';
import { createFlowsRouter } from './flows/flows.router.js';
import type { FlowsService } from './flows/flows.service.js';
import { createHealthRouter } from './health/health.router.js';
import { createNodeTypesRouter } from './node-types/node-types.router.js';
import { createNotificationsRouter } from './notifications/notifications.router.js';
import type { NotificationsService } from './notifications/notifications.service.js';
import { createUsersRouter } from './users/users.router.js';
import type { UsersService } from './users/users.service.js';

export interface RouteDeps {
  engine: Engine;
  access: Access;
  learning: LearningService;
  store: StorePort;
  clock: Clock;
  logger: Logger;
  audit: AuditService;
  auth: AuthService;
  users: UsersService;
  flows: FlowsService;
  connections: ConnectionsService;
  notifications: NotificationsService;
  llm: ConnectionLlm;
  redis: RedisLink | undefined;
  /** The Redis step queue when scaled out; undefined runs steps in this process. */
  queue: QueuePort | undefined;
  secretBox: SecretBox;
  /** Inbound webhook limits (tests lower them); the defaults otherwise. */
  webhookLimits: WebhookLimits | undefined;
  production: boolean;
  startedAt: Date;
  onLogout: (sessionId: string) => void;
  /** Pushes a changed suggestion to the clients allowed to see it. */
  onSuggestion: (suggestion: Suggestion) => void;
  /** Pushes a publication the API changed (a library entry archived or restored). */
  onPublication: (publication: Publication) => void;
}

/** Every router, split by whether it is reachable without a session (the allow-list). */
export function buildRouters(deps: RouteDeps): {
  publicRouters: Router[];
  protectedRouters: Router[];
} {
  const authDeps = {
    auth: deps.auth,
    store: deps.store,
    production: deps.production,
    onLogout: deps.onLogout,
  };
  return {
    publicRouters: [
      createHealthRouter({
        store: deps.store,
        llm: deps.llm,
        startedAt: deps.startedAt,
        queue: deps.queue,
        redis: deps.redis,
        auth: deps.auth,
      }),
      createAuthPublicRouter(authDeps),
      createWebhooksRouter({
        store: deps.store,
        engine: deps.engine,
        secretBox: deps.secretBox,
        clock: deps.clock,
        audit: deps.audit,
        logger: deps.logger,
        limits: deps.webhookLimits,
      }),
    ],
    protectedRouters: [
      createAuthRouter(authDeps),
      createUsersRouter(deps.users),
      createAuditRouter(deps.store),
      createNodeTypesRouter(),
      createFlowsRouter(deps.flows),
      createBrandKitsRouter({ store: deps.store, clock: deps.clock, audit: deps.audit }),
      createConnectionsRouter(deps.connections),
      createNotificationsRouter(deps.notifications),
      createRunsRouter({
        store: deps.store,
        engine: deps.engine,
        access: deps.access,
        audit: deps.audit,
      }),
      createTasksRouter({
        engine: deps.engine,
        learning: deps.learning,
        tasks: createTasksService({
          store: deps.store,
          engine: deps.engine,
          access: deps.access,
          audit: deps.audit,
        }),
      }),
      createAutomationRouter(deps.engine),
      createFeedbackRouter(deps.store),
      createPublicationsRouter({ store: deps.store, engine: deps.engine }),
      createLibraryRouter({
        store: deps.store,
        clock: deps.clock,
        audit: deps.audit,
        onPublication: deps.onPublication,
      }),
      createOpenApiRouter(),
      createSuggestionsRouter(
        createSuggestionsService({
          store: deps.store,
          clock: deps.clock,
          audit: deps.audit,
          onChanged: deps.onSuggestion,
        }),
      ),
    ],
  };
}
