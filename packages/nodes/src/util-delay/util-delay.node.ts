import { z } from 'zod';
import { defineNode, IN, OUT } from '../core/define-node.js';

const UNIT_MS = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

export const utilDelayConfigSchema = z.object({
  amount: z.number().int().min(1).max(100_000).default(1).meta({ title: 'Wait for' }),
  unit: z.enum(['seconds', 'minutes', 'hours', 'days']).default('hours').meta({ title: 'Unit' }),
});

/** Milliseconds a delay config waits. */
export function delayMs(config: z.output<typeof utilDelayConfigSchema>): number {
  return config.amount * UNIT_MS[config.unit];
}

export const utilDelayNode = defineNode({
  type: 'util.delay',
  version: 1,
  title: 'Wait',
  description: 'Pauses the run for a while; the wait survives restarts.',
  category: 'util',
  icon: 'clock',
  configSchema: utilDelayConfigSchema,
  inputs: [IN],
  outputs: [OUT],
  // Written by the engine's timer when the wait ends (due-timers.ts).
  outputFields: [{ key: 'waitedUntil', description: 'When the wait ended' }],
  lint(config) {
    return delayMs(config) > 90 * UNIT_MS.days
      ? [{ path: ['amount'], message: 'Wait at most 90 days' }]
      : [];
  },
  run(ctx) {
    const until = new Date(ctx.clock.now().getTime() + delayMs(ctx.config)).toISOString();
    return { kind: 'sleep', until };
  },
});
