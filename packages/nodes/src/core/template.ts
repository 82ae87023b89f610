import { Liquid } from 'liquidjs';
import type { FS } from 'liquidjs';
import { AppError } from '@tandem/schema';
import { BoundedCache } from './bounded-cache.js';

/*
 * Liquid templating for node configs ({{ input.topic }}, {{ steps.draft.text }}, {{ brand.voice }}).
 * Liquid has no code execution; we also refuse file includes, read only own properties, leave
 * unknown variables empty (designers test-run half-finished flows) and cap parse/render effort
 * so a template cannot stall the engine.
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

const baseOptions = {
  fs: noFiles,
  strictVariables: false,
  strictFilters: true,
  ownPropertyOnly: true,
  relativeReference: false,
  cache: 500,
  parseLimit: 100_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
} as const;

const plain = new Liquid(baseOptions);
const html = new Liquid({ ...baseOptions, outputEscape: 'escape' });

/**
 * Parsed templates kept per engine: a flow renders the same few templates on every run.
 * Liquid's own `cache` option only covers templates read from files; parsing a prompt on
 * every render cost more than rendering it.
 */
const PARSED_TEMPLATES_KEPT = 500;
const parsedPlain = new BoundedCache(PARSED_TEMPLATES_KEPT, (t: string) => plain.parse(t));
const parsedHtml = new BoundedCache(PARSED_TEMPLATES_KEPT, (t: string) => html.parse(t));

export interface RenderOptions {
  /** Escape every output because the target is HTML (email bodies, WordPress posts). */
  html?: boolean;
  /** Field path of the template in the node config, for the error message. */
  field?: string;
}

/** Renders a Liquid template against `scope`; a broken template is a user error with its field. */
export function renderTemplate(
  template: string,
  scope: Record<string, unknown>,
  options: RenderOptions = {},
): string {
  if (!template.includes('{{') && !template.includes('{%')) return template;
  const engine = options.html ? html : plain;
  const parsed = options.html ? parsedHtml : parsedPlain;
  try {
    return engine.renderSync(parsed.get(template), scope) as string;
  } catch (error) {
    throw new AppError({
      code: 'CONFIG_INVALID',
      origin: 'user',
      message: `Template ${options.field ? `"${options.field}" ` : ''}could not be rendered: ${
        error instanceof Error ? error.message : String(error)
      }`,
      details: { field: options.field ?? null },
    });
  }
}

/** Checks a template parses, for graph validation; returns the parse error message or null. */
export function templateProblem(template: string): string | null {
  if (!template.includes('{{') && !template.includes('{%')) return null;
  try {
    plain.parse(template);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
}
