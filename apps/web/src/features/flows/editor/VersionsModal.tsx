import { useEffect, useState } from 'react';
import type { FlowVersion } from '@tandem/schema';
import { api } from '../../../api/client.js';
import { useAuth } from '../../../auth/use-auth.js';
import { Badge, Button, EmptyState, Modal, Spinner } from '../../../ui/index.js';
import { formatRelative } from '../../../ui/format.js';
import { listFlowVersions } from './flow-versions.js';

/**
 * Published versions, newest first: who published each and when; view or restore one. A page
 * at a time: a flow published thousands of times would otherwise load every graph at once.
 */
export function VersionsModal({
  flowId,
  open,
  onClose,
  onView,
  onRestore,
  viewing,
}: {
  flowId: string;
  open: boolean;
  onClose: () => void;
  onView: (version: FlowVersion) => void;
  onRestore: (version: FlowVersion) => void;
  viewing: number | null;
}) {
  const { user, roles } = useAuth();
  const isAdmin = roles.includes('admin');
  const [versions, setVersions] = useState<FlowVersion[] | null>(null);
  /** Where the older versions continue; absent once the oldest is shown. */
  const [olderCursor, setOlderCursor] = useState<string | undefined>();
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const failed = (e: unknown) =>
    setError(e instanceof Error ? e.message : 'Could not load versions');

  useEffect(() => {
    if (!open) return;
    // Closed or moved to another flow before the answer came: that answer is not shown.
    let current = true;
    setError(null);
    listFlowVersions(flowId)
      .then((page) => {
        if (!current) return;
        setVersions(page.items);
        setOlderCursor(page.nextCursor);
      })
      .catch((e: unknown) => current && failed(e));
    // Names of other people are visible to admins only; others see ids for colleagues. Asking
    // anyway only left a 403 in the console each time a designer opened the history.
    if (!isAdmin) return;
    api
      .get<{ items: { id: string; name: string }[] }>('/api/users')
      .then((r) => setNames(Object.fromEntries(r.items.map((u) => [u.id, u.name]))))
      .catch(() => setNames({}));
    return () => {
      current = false;
    };
  }, [open, flowId, isAdmin]);

  const showOlder = () => {
    if (!olderCursor) return;
    setLoadingOlder(true);
    listFlowVersions(flowId, olderCursor)
      .then((page) => {
        setVersions((shown) => [...(shown ?? []), ...page.items]);
        setOlderCursor(page.nextCursor);
      })
      .catch(failed)
      .finally(() => setLoadingOlder(false));
  };

  const who = (id: string) => (id === user?.id ? `${user.name} (you)` : (names[id] ?? id));

  return (
    <Modal open={open} onClose={onClose} title="Version history" size="lg">
      {error && <p className="form-error">{error}</p>}
      {!versions && !error && <Spinner />}
      {versions && versions.length === 0 && (
        <EmptyState
          title="Not published yet"
          body="Publish the flow to create version 1. Each publish freezes a version that runs can pin."
        />
      )}
      {versions && versions.length > 0 && (
        <table className="table" data-testid="versions">
          <thead>
            <tr>
              <th>Version</th>
              <th>Published by</th>
              <th>When</th>
              <th>Steps</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {versions.map((v, i) => (
              <tr key={v.id}>
                <td>
                  <strong>v{v.number}</strong> {i === 0 && <Badge tone="success">live</Badge>}{' '}
                  {viewing === v.number && <Badge tone="info">viewing</Badge>}
                </td>
                <td>{who(v.createdBy)}</td>
                <td title={new Date(v.createdAt).toLocaleString()}>
                  {formatRelative(v.createdAt)}
                </td>
                <td>{v.graph.nodes.length}</td>
                <td className="row" style={{ justifyContent: 'flex-end' }}>
                  <Button size="sm" variant="ghost" onClick={() => onView(v)}>
                    View
                  </Button>
                  <Button size="sm" onClick={() => onRestore(v)}>
                    Restore as draft
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {versions && olderCursor && (
        <div className="row" style={{ justifyContent: 'center' }}>
          <Button size="sm" onClick={showOlder} busy={loadingOlder}>
            {loadingOlder ? 'Loading older versions…' : 'Show older versions'}
          </Button>
        </div>
      )}
    </Modal>
  );
}
