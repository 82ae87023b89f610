import { Router } from 'express';
import { NotificationPreferenceInputSchema, NotificationSettingsInputSchema } from '@tandem/schema';
import { currentUser, requireRole } from '../auth/auth.middleware.js';
import { parseBody } from '../http/validate.js';
import type { NotificationsService } from './notifications.service.js';

/**
 * Everyone signed in reads and sets their own "email me when a review waits" choice; only
 * admins choose the SMTP connection that sends and the address the links point at.
 */
export function createNotificationsRouter(service: NotificationsService): Router {
  const router = Router();
  const admins = requireRole([], 'set up email notifications');

  router.get('/api/notifications/preference', async (req, res) => {
    res.json(await service.preference(currentUser(req)));
  });

  router.put('/api/notifications/preference', async (req, res) => {
    const input = parseBody(NotificationPreferenceInputSchema, req.body);
    res.json(await service.savePreference(currentUser(req), input));
  });

  router.get('/api/notifications/settings', admins, async (_req, res) => {
    res.json(await service.settings());
  });

  router.put('/api/notifications/settings', admins, async (req, res) => {
    const input = parseBody(NotificationSettingsInputSchema, req.body);
    res.json(await service.saveSettings(currentUser(req), input));
  });

  return router;
}
