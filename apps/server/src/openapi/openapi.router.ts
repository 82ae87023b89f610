import { Router } from 'express';
import { buildOpenApiDocument } from './openapi.js';

export function createOpenApiRouter(): Router {
  const router = Router();
  let document: Record<string, unknown> | undefined;
  router.get('/api/openapi.json', (_req, res) => {
    document ??= buildOpenApiDocument();
    res.json(document);
  });
  return router;
}
