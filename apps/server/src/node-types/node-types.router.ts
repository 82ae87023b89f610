import { Router } from 'express';
import { describeNodeTypes } from '@tandem/nodes';

/** The node catalog with JSON Schemas of the configs; computed once, it never changes at runtime. */
export function createNodeTypesRouter(): Router {
  const router = Router();
  const catalog = describeNodeTypes();
  router.get('/api/node-types', (_req, res) => {
    res.json({ items: catalog });
  });
  return router;
}
