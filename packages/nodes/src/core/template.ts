import { Liquid } from 'liquidjs';
import type { FS, Template } from 'liquidjs';
import { AppError } from '@tandem/schema';

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

/** Parsed templates kept per engine: a flow renders the same few templates on every run. */
const PARSED_TEMPLATES_KEPT = 500;
const parsedTemplates = new Map<Liquid, Map<string, Template[]>>([
  [plain, new Map()],
  [html, new Map()],
]);

/**
 * `template` parsed by `engine`, from the cache when it was parsed before. Liquid's own
 * `cache` option only covers templates read from files; parsing a prompt on every render cost
 * more than rendering it.
 */
function parsed(engine: Liquid, template: string): Template[] {
  const cache = parsedTemplates.get(engine)!;
  let templates = cache.get(template);
  if (templates === undefined) {
    templates = engine.parse(template);
    if (cache.size >= PARSED_TEMPLATES_KEPT) cache.delete(cache.keys().next().value!);
    cache.set(template, templates);
  }
  return templates;
}

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
  try {
    return engine.renderSync(parsed(engine, template), scope) as string;
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
