import type { AuditEvent } from '@tandem/schema';

/** What an audit event was about, as the log shows it: a name where one is known, a link where
 * the thing has a page, and the stored `type:id` for a hover and for the Subject filter. */
export interface AuditSubject {
  text: string;
  href?: string;
  /** `type:id`, as stored. */
  raw: string;
}

export interface SubjectNames {
  users: ReadonlyMap<string, string>;
  flows: ReadonlyMap<string, string>;
}

const tail = (id: string) => (id.length > 10 ? `…${id.slice(-6)}` : id);

/** The name an event recorded for its subject (connections and brand kits record theirs). */
function recordedName(details: AuditEvent['details'] | undefined): string | null {
  const name = (details as Record<string, unknown> | undefined)?.name;
  return typeof name === 'string' && name.trim() ? name.trim() : null;
}

export function auditSubject(
  event: Pick<AuditEvent, 'subjectType' | 'subjectId'> & { details?: AuditEvent['details'] },
  names: SubjectNames,
): AuditSubject {
  const { subjectType: type, subjectId: id } = event;
  const raw = `${type}:${id}`;
  const enc = encodeURIComponent;
  switch (type) {
    case 'user':
      return { text: names.users.get(id) ?? raw, raw };
    case 'flow': {
      const name = names.flows.get(id);
      // A deleted flow has no page to open and no name left to show.
      return name ? { text: name, href: `/flows/${enc(id)}`, raw } : { text: raw, raw };
    }
    case 'run':
      return { text: `Run ${tail(id)}`, href: `/runs/${enc(id)}`, raw };
    case 'task':
      return { text: `Task ${tail(id)}`, href: `/inbox/${enc(id)}`, raw };
    case 'publication': {
      // A publication's id is its idempotency key, `runId:nodeId`: its run's page shows it.
      const [runId, nodeId] = id.split(':');
      return runId && nodeId
        ? { text: `Run ${tail(runId)}, step ${nodeId}`, href: `/runs/${enc(runId)}`, raw }
        : { text: raw, raw };
    }
    case 'checkpoint': {
      // `flowId:nodeId`: the flow's automation page holds its checkpoints.
      const [flowId, nodeId] = id.split(':');
      const name = flowId ? names.flows.get(flowId) : undefined;
      return name && nodeId
        ? { text: `Checkpoint ${nodeId} in ${name}`, href: `/automation/${enc(flowId!)}`, raw }
        : { text: raw, raw };
    }
    // Named as they were called when it happened: a removed connection has no other name left.
    case 'connection': {
      const name = recordedName(event.details);
      return {
        text: name ? `Connection ${name}` : `Connection ${tail(id)}`,
        href: '/settings/connections',
        raw,
      };
    }
    case 'brand_kit': {
      const name = recordedName(event.details);
      return { text: name ? `Brand kit ${name}` : 'Brand kit', href: '/settings/brand', raw };
    }
    default:
      return { text: raw, raw };
  }
}
