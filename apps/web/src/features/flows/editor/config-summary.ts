import { describeSchedule } from '@tandem/nodes';

/**
 * The config a step runs with: a setting left out takes its type's default, as the server and the
 * settings form read it. The card summarises this, so it never says "No prompt yet" of a step that
 * writes with the default prompt.
 */
export function effectiveConfig(
  config: Record<string, unknown>,
  defaults: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const set = Object.entries(config).filter(([, value]) => value !== undefined);
  return { ...defaults, ...Object.fromEntries(set) };
}

/**
 * One line that says what a configured node does, shown on its card. `connection` names the
 * saved connection the step's settings hold, as the card resolved it.
 */
export function configSummary(
  type: string,
  config: Record<string, unknown>,
  connection?: string,
): string {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const clip = (text: string, max = 70) =>
    text.length > max ? `${text.slice(0, max - 1)}…` : text;
  switch (type) {
    case 'trigger.manual': {
      const fields = list(config.fields) as { label?: string; name?: string }[];
      return fields.length
        ? `Form: ${fields.map((f) => f.label || f.name).join(', ')}`
        : 'No input fields';
    }
    case 'trigger.webhook':
      return connection
        ? `Starts on a call signed with ${connection}`
        : 'Starts on a signed HTTP call';
    case 'trigger.schedule':
      return describeSchedule(config);
    case 'ai.generate': {
      const prompt = str(config.prompt).replace(/\s+/g, ' ').trim();
      const kind = config.output === 'json' ? 'Structured' : 'Text';
      return prompt ? `${kind} · ${clip(prompt)}` : 'No prompt yet';
    }
    case 'check.brand': {
      const parts = ['Brand kit rules'];
      if (typeof config.maxWords === 'number') parts.push(`≤ ${config.maxWords} words`);
      if (typeof config.maxCharacters === 'number') parts.push(`≤ ${config.maxCharacters} chars`);
      return parts.join(' · ');
    }
    case 'check.budget':
      return typeof config.maxItemChangePercent === 'number'
        ? `Cap ±${config.maxItemChangePercent}% per item`
        : 'Budget change caps';
    case 'human.review': {
      const roles = (list(config.assigneeRoles) as string[]).join(', ') || 'reviewer';
      const approvals =
        typeof config.requiredApprovals === 'number' && config.requiredApprovals > 1
          ? ` · ${config.requiredApprovals} approvals`
          : '';
      return `By ${roles}${approvals}`;
    }
    case 'logic.branch': {
      const rules = list(config.rules) as { path?: string; operator?: string }[];
      const first = rules[0];
      if (!first) return 'No rules yet';
      const more = rules.length > 1 ? ` (+${rules.length - 1}, ${config.match ?? 'all'})` : '';
      return `If ${first.path ?? '?'} ${String(first.operator ?? '').replace(/_/g, ' ')}${more}`;
    }
    case 'publish.webhook':
      return str(config.url)
        ? `${str(config.method) || 'POST'} ${clip(str(config.url), 50)}`
        : connection
          ? `Sends to ${connection}`
          : 'No URL yet';
    case 'publish.email': {
      const to = list(config.to) as string[];
      const via = connection ? ` · via ${connection}` : '';
      return to.length ? `To ${to.join(', ')}${via}` : `No recipients yet${via}`;
    }
    case 'publish.slack':
      return connection ? `Posts to ${connection}` : 'Pick a Slack connection';
    case 'publish.wordpress':
      return `WordPress · ${str(config.status) || 'draft'}${connection ? ` · ${connection}` : ''}`;
    case 'publish.library':
      return str(config.collection) ? `Library · ${clip(str(config.collection), 40)}` : 'Library';
    case 'util.delay':
      // "Wait 1 hour", not "1 hours": the unit is stored plural.
      return config.amount === 1
        ? `Wait 1 ${str(config.unit).replace(/s$/, '')}`
        : `Wait ${String(config.amount ?? '?')} ${str(config.unit)}`;
    default:
      return '';
  }
}

export const LEVEL_LABEL: Record<string, string> = {
  review_all: 'Review all',
  review_flagged: 'Review flagged',
  spot_check: 'Spot check',
  auto: 'Auto',
};
