import { Liquid, type FS } from 'liquidjs';
import { AppError } from '@tandem/schema';
import type { PublishRequest } from '@tandem/nodes';

/*
 * Liquid for publish bodies. No file includes, own properties only, capped effort: a template
 * is designer input and must neither reach the disk nor stall a delivery.
 */

const noFiles: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => {
    throw new Error('Templates cannot include files');
  },
  readFileSync: () => {
    throw new Error('Templates cannot include files');
  },
  resolve: (_dir, file) => file,
};

const liquid = new Liquid({
  fs: noFiles,
  strictFilters: true,
  ownPropertyOnly: true,
  relativeReference: false,
  cache: 200,
  parseLimit: 100_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
});

/** What every publish template sees. No attempt number: the body must be the same each time. */
export function templateScope(request: PublishRequest): Record<string, unknown> {
  return {
    content: request.content,
    runId: request.runId,
    flowId: request.flowId,
    nodeId: request.nodeId,
    key: request.key,
    contentHash: request.contentHash,
  };
}

export function renderTemplate(
  template: string,
  scope: Record<string, unknown>,
  field: string,
): string {
  try {
    return liquid.parseAndRenderSync(template, scope) as string;
  } catch (error) {
    throw new AppError({
      code: 'CONFIG_INVALID',
      origin: 'user',
      message: `The template in "${field}" could not be rendered: ${(error as Error).message}`,
      details: { issues: [{ path: [field], message: (error as Error).message }] },
    });
  }
}
