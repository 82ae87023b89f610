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
export const aConnection = (kind: string | undefined): string => {
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

/** What is wrong with a stored id, and whether it stops the flow from publishing. */
export interface ReferenceProblem {
  /** `error`: the server refuses to publish; `warning`: it publishes, but the step will fail. */
  severity: 'error' | 'warning';
  message: string;
  /** Where the fix is made, for who may open it (an admin adding the missing connection). */
  link?: string;
}

/** The connection a step names, as the directory knows it: of the step's kind or not, or gone. */
function lookUpConnection(
  directory: readonly ConnectionDirectoryEntry[],
  kind: string | undefined,
  value: string,
) {
  const found = directory.find((c) => c.id === value);
  return { found, ofKind: !!found && (!kind || found.kind === kind) };
}

/** Why a stored connection id needs attention, or null when it names a usable connection. */
export function connectionProblem(
  directory: readonly ConnectionDirectoryEntry[],
  kind: string | undefined,
  value: string,
): ReferenceProblem | null {
  if (!value) return null;
  const { found, ofKind } = lookUpConnection(directory, kind, value);
  if (!found) {
    return {
      severity: 'error',
      message: `The connection ${value} no longer exists. Choose another one.`,
    };
  }
  if (!ofKind) {
    return {
      severity: 'error',
      message: `${found.name} is ${aConnection(found.kind)}; this step needs ${aConnection(kind)}.`,
    };
  }
  if (found.disabled) {
    return {
      severity: 'warning',
      message: `${found.name} is disabled, so this step will fail. An admin can enable it in Settings → Connections.`,
    };
  }
  return null;
}

export function connectionChoices(
  directory: readonly ConnectionDirectoryEntry[],
  kind: string | undefined,
  value: string,
): ConnectionChoices {
  const options = directory
    .filter((c) => !kind || c.kind === kind)
    .map((c) => ({ value: c.id, label: c.disabled ? `${c.name} (disabled)` : c.name }));
  const warning = connectionProblem(directory, kind, value)?.message ?? null;
  if (!value) return { options, stray: null, warning };
  const { found, ofKind } = lookUpConnection(directory, kind, value);
  if (ofKind) return { options, stray: null, warning };
  return {
    options,
    stray: {
      value,
      label: found ? `${found.name} (${connectionKindLabel(found.kind)})` : `Unknown (${value})`,
    },
    warning,
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
 * nothing chosen is hidden. `kept` are ids to keep on offer though no longer chosen: a person
 * unticked by mistake who cannot be found in the directory could not be ticked again otherwise.
 * Two people with the same name are told apart by their ids.
 */
export function peopleChoices(
  directory: readonly UserDirectoryEntry[],
  selected: readonly string[],
  kept: readonly string[] = [],
): PersonOption[] {
  const listed = new Set([...selected, ...kept]);
  const shown = directory.filter((u) => !u.disabled || listed.has(u.id));
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
    ...[...listed]
      .filter((id) => !known.has(id))
      .map((id) => ({
        id,
        label: `Unknown person (${id})`,
        roles: [],
        unknown: true,
        disabled: false,
      })),
  ];
}

/** The warning under the people picker, or null when everyone chosen can decide. */
export function peopleWarning(
  options: readonly PersonOption[],
  selected: readonly string[],
): string | null {
  return peopleProblemOf(options, selected)?.message ?? null;
}

/**
 * Why the people chosen need attention: someone who no longer exists stops the flow from
 * publishing; someone disabled only cannot sign in to decide.
 */
export function peopleProblem(
  directory: readonly UserDirectoryEntry[],
  selected: readonly string[],
): ReferenceProblem | null {
  return peopleProblemOf(peopleChoices(directory, selected), selected);
}

function peopleProblemOf(
  options: readonly PersonOption[],
  selected: readonly string[],
): ReferenceProblem | null {
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
  if (parts.length === 0) return null;
  return {
    severity: unknown > 0 ? 'error' : 'warning',
    message: `${parts.join(' ')} Untick them to remove them.`,
  };
}
