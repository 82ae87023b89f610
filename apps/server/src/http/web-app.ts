import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

export const DEFAULT_WEB_DIST = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../web/dist',
);

/**
 * Serves the built web app on the API's port. Deep links (`/flows/abc`) get index.html so the
 * client router can take over; `/api/*` and `/socket.io/*` never fall back to it.
 */
export function createWebAppRouter(distDir: string): Router | null {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return null;
  const router = Router();
  router.use(
    express.static(distDir, {
      index: false,
      // Hashed bundle names never change content; index.html must always be revalidated.
      setHeaders: (res, path) => {
        if (path.includes(`${join(distDir, 'assets')}`)) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        }
      },
    }),
  );
  router.get(/^(?!\/api(\/|$)|\/socket\.io(\/|$)).*/, (req, res, next) => {
    if (!req.accepts('html')) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
