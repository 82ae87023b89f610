/*
 * Whether a JSON body template (a webhook's body) can render valid JSON: it is rendered with one
 * sample value of the right type per reference, the way Liquid would render it, and parsed. A
 * body that fails with a well-typed sample fails for every input of that shape (a bare
 * {{ content.text }} with no quotes, a missing brace), which otherwise surfaces only when a run
 * reaches the step. Where a value's type is unknown, or the template branches ({% if %}), it is
 * not judged: a warning there could be false.
 */

/** What a reference renders as: text, a number, a yes/no, or a JSON value (the `json` filter). */
export type SampleKind = 'text' | 'number' | 'boolean';

/** Filters that keep a text a text. */
const TEXT_FILTERS = new Set([
  'upcase',
  'downcase',
  'capitalize',
  'strip',
  'lstrip',
  'rstrip',
  'strip_html',
  'strip_newlines',
  'escape',
  'truncate',
  'truncatewords',
  'replace',
  'append',
  'prepend',
  'url_encode',
]);

const SAMPLE: Record<SampleKind, string> = {
  text: 'Sample text',
  number: '42',
  boolean: 'true',
};

/**
 * The body rendered with sample values, or null when it cannot be judged (no template, a tag,
 * a value of unknown type without the json filter).
 */
function renderSampleBody(
  template: string,
  kindOf: (path: string) => SampleKind | null,
): string | null {
  if (!template.trim() || template.includes('{%')) return null;
  let unknown = false;
  const rendered = template.replace(/\{\{-?([\s\S]*?)-?\}\}/g, (_all, inner: string) => {
    const [head = '', ...filters] = inner.split('|').map((part) => part.trim());
    const names = filters.map((f) => f.split(':')[0]!.trim());
    if (names.at(-1) === 'json') return '"Sample text"';
    // A quoted literal renders as what it holds ({{ "true" }} is true).
    if (!names.length && /^(['"]).*\1$/.test(head)) return head.slice(1, -1);
    const kind = kindOf(head);
    if (!kind || (names.length && (kind !== 'text' || !names.every((n) => TEXT_FILTERS.has(n))))) {
      unknown = true;
      return '';
    }
    return SAMPLE[kind];
  });
  return unknown ? null : rendered;
}

/**
 * Why the body cannot be valid JSON, or null when it renders valid JSON with sample values (or
 * cannot be judged).
 */
export function jsonBodyProblem(
  template: string | undefined,
  kindOf: (path: string) => SampleKind | null,
): string | null {
  if (typeof template !== 'string') return null;
  const sample = renderSampleBody(template, kindOf);
  if (sample === null) return null;
  try {
    JSON.parse(sample);
    return null;
  } catch {
    return 'This body does not render valid JSON, so the step fails when it runs: put text in as {{ value | json }} (it adds the quotes), and check the braces, quotes and commas';
  }
}

interface GraphLike {
  nodes: readonly { data: { nodeType: string; config: Record<string, unknown> } }[];
}

const PUBLISH_TEXT = new Set(['content.text', 'run.id', 'run.flowId', 'run.nodeId', 'run.key']);
const BRAND_TEXT = new Set(['brand.name', 'brand.voice', 'brand.audience']);

/**
 * The type of each value a publish step's template can reference: the approved text, the run,
 * the brand's words, and the input form's fields by their kind. Anything else is unknown
 * (a webhook trigger's input, structured content).
 */
export function publishSampleKinds(graph: GraphLike): (path: string) => SampleKind | null {
  const trigger = graph.nodes.find((n) => n.data.nodeType === 'trigger.manual');
  const fields = Array.isArray(trigger?.data.config.fields)
    ? (trigger.data.config.fields as { name?: unknown; kind?: unknown }[])
    : [];
  return (path) => {
    if (PUBLISH_TEXT.has(path) || BRAND_TEXT.has(path)) return 'text';
    if (!path.startsWith('input.')) return null;
    const field = fields.find((f) => f?.name === path.slice('input.'.length));
    if (!field) return null;
    return field.kind === 'number' ? 'number' : 'text';
  };
}
