import type { ConnectionDirectoryEntry, UserDirectoryEntry } from '@tandem/schema';

/*
 * What the step settings' pickers offer, from the directories `GET /api/connections/directory`
 * and `GET /api/users/directory` return. A stored id the directory no longer has (a deleted
 * connection or user) stays on offer as "Unknown (id)" with a warning: dropping it from the form
 * would change the flow behind the designer's back, and keeping it silently would hide the fault.
 */

const KIND_LABEL: Record<string, string> = {
  webhook: 'webhook',
  smtp: 'SMTP',
  slack: 'Slack',
  wordpress: 'WordPress',
  llm: 'LLM',
};

/** "SMTP", "Slack", ... as people say them. */
export const connectionKindLabel = (kind: string | undefined): string =>
  kind ? (KIND_LABEL[kind] ?? kind) : '';

/** "an SMTP connection", "a Slack connection": the article goes by how the name is said. */
const aConnection = (kind: string | undefined): string => {
  const label = connectionKindLabel(kind);
  return `${/^([aeiou]|SMTP|LLM)/i.test(label) ? 'an' : 'a'} ${label} connection`;
};

export interface ConnectionOption {
  value: string;
  label: string;
}

export interface ConnectionChoices {
  /** The saved connections of the field's kind, by name. */
  options: ConnectionOption[];
  /** The stored value when it is not one of `options`, with how to show it. */
  stray: ConnectionOption | null;
  /** Why the stored value needs attention, in the designer's words; null when it is fine. */
  warning: string | null;
}

export function connectionChoices(
  directory: readonly ConnectionDirectoryEntry[],
  kind: string | undefined,
  value: string,
): ConnectionChoices {
  const ofKind = directory.filter((c) => !kind || c.kind === kind);
  const options = ofKind.map((c) => ({
    value: c.id,
    label: c.disabled ? `${c.name} (disabled)` : c.name,
  }));
  if (!value) return { options, stray: null, warning: null };
  const chosen = ofKind.find((c) => c.id === value);
  if (chosen) {
    return {
      options,
      stray: null,
      warning: chosen.disabled
        ? `${chosen.name} is disabled, so this step will fail. An admin can enable it in Settings → Connections.`
        : null,
    };
  }
  const other = directory.find((c) => c.id === value);
  if (other) {
    return {
      options,
      stray: { value, label: `${other.name} (${connectionKindLabel(other.kind)})` },
      warning: `${other.name} is ${aConnection(other.kind)}; this step needs ${aConnection(kind)}.`,
    };
  }
  return {
    options,
    stray: { value, label: `Unknown (${value})` },
    warning: `The connection ${value} no longer exists. Choose another one.`,
  };
}

export interface PersonOption {
  id: string;
  label: string;
  roles: string[];
  /** The id is chosen but no one has it any more. */
  unknown: boolean;
  /** The person's account is disabled: they cannot sign in to decide. */
  disabled: boolean;
}

/**
 * Everyone who can sign in, by name, plus whoever is chosen and cannot (disabled or deleted), so
 * nothing chosen is hidden. Two people with the same name are told apart by their ids.
 */
export function peopleChoices(
  directory: readonly UserDirectoryEntry[],
  selected: readonly string[],
): PersonOption[] {
  const chosen = new Set(selected);
  const shown = directory.filter((u) => !u.disabled || chosen.has(u.id));
  const nameCount = new Map<string, number>();
  for (const u of shown) nameCount.set(u.name, (nameCount.get(u.name) ?? 0) + 1);
  const known = new Set(directory.map((u) => u.id));
  return [
    ...shown.map((u) => ({
      id: u.id,
      label: (nameCount.get(u.name) ?? 0) > 1 ? `${u.name} (${u.id})` : u.name,
      roles: [...u.roles],
      unknown: false,
      disabled: u.disabled,
    })),
    ...[...chosen]
      .filter((id) => !known.has(id))
      .map((id) => ({ id, label: `Unknown (${id})`, roles: [], unknown: true, disabled: false })),
  ];
}

/** The warning under the people picker, or null when everyone chosen can decide. */
export function peopleWarning(
  options: readonly PersonOption[],
  selected: readonly string[],
): string | null {
  const chosen = new Set(selected);
  const unknown = options.filter((o) => o.unknown && chosen.has(o.id)).length;
  const disabled = options.filter((o) => o.disabled && chosen.has(o.id)).map((o) => o.label);
  const parts: string[] = [];
  if (unknown === 1) parts.push('One person chosen here no longer exists.');
  if (unknown > 1) parts.push(`${unknown} people chosen here no longer exist.`);
  if (disabled.length > 0) {
    parts.push(
      `${disabled.join(', ')} ${disabled.length === 1 ? 'is' : 'are'} disabled and cannot sign in to decide.`,
    );
  }
  return parts.length > 0 ? `${parts.join(' ')} Untick them to remove them.` : null;
}
