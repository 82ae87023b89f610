import type { FlowName } from './inbox-api.js';

/**
 * Each flow's name as a filter lists it, told apart when two flows share a name: "Blog post
 * (created 3 Nov, 14:05)". Two flows called "Blog post" made two identical filter options, and
 * a reviewer could not tell which was which. A pair created in the same minute adds the end of
 * their ids as a last resort.
 */
export function flowLabels(
  flows: readonly FlowName[],
  options: { locale?: string; timeZone?: string } = {},
): Map<string, string> {
  const format = new Intl.DateTimeFormat(options.locale, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const created = (f: FlowName) => {
    const at = f.createdAt ? new Date(f.createdAt) : null;
    return at && !Number.isNaN(at.getTime()) ? `created ${format.format(at)}` : null;
  };
  const labels = new Map<string, string>();
  const byName = new Map<string, FlowName[]>();
  for (const f of flows) {
    const key = f.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), f]);
  }
  for (const group of byName.values()) {
    if (group.length === 1) {
      labels.set(group[0]!.id, group[0]!.name);
      continue;
    }
    const dates = group.map(created);
    for (const [i, f] of group.entries()) {
      const date = dates[i] ?? null;
      const unique = date !== null && dates.filter((d) => d === date).length === 1;
      const tell = unique ? [date] : [date, f.id.slice(-6)].filter(Boolean);
      labels.set(f.id, `${f.name.trim()} (${tell.join(', ')})`);
    }
  }
  return labels;
}
