import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Copy, Plus, Search, Trash2, Upload } from 'lucide-react';
import type { Flow } from '@tandem/schema';
import { api, describePath } from '../../api/client.js';
import {
  Badge,
  Button,
  EmptyState,
  IconButton,
  Modal,
  PageHeader,
  Spinner,
  useNow,
  useToast,
} from '../../ui/index.js';
import { formatRelative } from '../../ui/format.js';
import { matchesSearch } from './flow-list.js';
import { browserTimeZone, listedNextRun } from './next-run.js';
import { useFlowRows } from './use-flow-rows.js';
import { parseImportedFlow } from './graph/import-export.js';
import { indexNodeTypes, normalizeNodeTypes } from './graph/node-catalog.js';
import { NewFlowModal } from './NewFlowModal.js';
import { runStatusLabel } from '../runs/run-view.js';
import { RUN_TONE } from '../runs/RunsPage.js';
import './flows.css';

export function FlowsPage() {
  const navigate = useNavigate();
  const toast = useToast();
  const { rows, error, reload } = useFlowRows();
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Flow | null>(null);
  const [removing, setRemoving] = useState(false);
  /** The flow being copied: its button waits, so a double click makes one copy. */
  const [copying, setCopying] = useState<string | null>(null);
  /** The flow just deleted and where its row was, to put the focus on the row that follows. */
  const [deleted, setDeleted] = useState<{ id: string; at: number } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const tbody = useRef<HTMLTableSectionElement>(null);

  const visible = useMemo(
    () => rows?.filter((r) => matchesSearch(r.flow, query)) ?? [],
    [rows, query],
  );
  // Re-read each minute: a slot that has passed gives way to the next one on screen.
  const now = useNow(60_000);
  const localZone = useMemo(browserTimeZone, []);

  const create = async (input: { name: string; description?: string; graph: Flow['graph'] }) => {
    const flow = await api.post<Flow>('/api/flows', input);
    toast.show(`Created “${flow.name}”`, 'success');
    navigate(`/flows/${flow.id}`);
  };

  const importFile = async (file: File) => {
    const types = indexNodeTypes(normalizeNodeTypes(await api.get<unknown>('/api/node-types')));
    const result = parseImportedFlow(await file.text(), types);
    if (!result.ok) {
      toast.show(
        `Import refused. ${result.problems
          .slice(0, 3)
          .map((p) => `${describePath(p.path) || 'file'}: ${p.message}`)
          .join('; ')}`,
        'error',
      );
      return;
    }
    await create(result.flow);
  };

  /** A copy of the draft opens in the editor, where it is renamed and changed. */
  const copy = async (flow: Flow) => {
    setCopying(flow.id);
    try {
      const created = await api.post<Flow>(`/api/flows/${flow.id}/copy`, {});
      toast.show(`Copied “${flow.name}” as “${created.name}”`, 'success');
      navigate(`/flows/${created.id}`);
    } catch (e) {
      toast.show(e instanceof Error ? e.message : 'Could not copy the flow', 'error');
      setCopying(null);
    }
  };

  const remove = async (flow: Flow) => {
    setRemoving(true);
    try {
      await api.del(`/api/flows/${flow.id}`);
      toast.show(`Deleted “${flow.name}”`, 'success');
      setDeleted({ id: flow.id, at: visible.findIndex((r) => r.flow.id === flow.id) });
      setDeleting(null);
      reload();
    } catch (e) {
      toast.show(e instanceof Error ? e.message : 'Could not delete', 'error');
    } finally {
      setRemoving(false);
    }
  };

  // The dialog gives the focus back to the row's Delete button, which goes with the row: the
  // focus fell to the page body. Once the row is gone, put it on the flow now in that place
  // (the one before it when it was last), or on the search box when no flow is left.
  useEffect(() => {
    if (!deleted || !rows || rows.some((r) => r.flow.id === deleted.id)) return;
    const links = tbody.current?.querySelectorAll<HTMLElement>('a.flow-link') ?? [];
    (links[Math.min(deleted.at, links.length - 1)] ?? search.current)?.focus();
    setDeleted(null);
  }, [deleted, rows]);

  return (
    <div className="page">
      <PageHeader
        title="Flows"
        subtitle="Each flow drafts, checks, gets a human decision and publishes. Draw one or start from a template."
        actions={
          <>
            <Button onClick={() => fileInput.current?.click()}>
              <Upload size={15} aria-hidden="true" /> Import
            </Button>
            <Button variant="primary" onClick={() => setCreating(true)} data-testid="new-flow">
              <Plus size={16} aria-hidden="true" /> New flow
            </Button>
          </>
        }
      />
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file)
            void importFile(file).catch((err: unknown) =>
              toast.show(err instanceof Error ? err.message : 'Import failed', 'error'),
            );
        }}
      />
      <div className="list-toolbar">
        <label className="search-box">
          <Search size={16} aria-hidden="true" />
          <input
            ref={search}
            type="search"
            placeholder="Search flows"
            aria-label="Search flows"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        {rows && (
          <span className="muted small">
            {visible.length} of {rows.length} flows
          </span>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!rows && !error && <Spinner label="Loading flows" />}
      {rows && rows.length === 0 && (
        <EmptyState
          icon="◇"
          title="No flows yet"
          body="Start from a template such as “Blog post with brand review”, or draw your own on a blank canvas."
          action={
            <Button variant="primary" onClick={() => setCreating(true)}>
              Create your first flow
            </Button>
          }
        />
      )}
      {rows && rows.length > 0 && (
        <div className="card table-card">
          <table className="table flows-table">
            <thead>
              <tr>
                <th>Flow</th>
                <th>Status</th>
                <th>Last run</th>
                <th>Open tasks</th>
                <th>Updated</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody ref={tbody}>
              {visible.map(({ flow, lastRun, openTasks }) => {
                const next = listedNextRun(flow.publishedSchedule, now, localZone);
                return (
                  <tr key={flow.id} data-testid={`flow-row-${flow.id}`}>
                    <td>
                      <Link to={`/flows/${flow.id}`} className="flow-link">
                        {flow.name}
                      </Link>
                      {flow.description && (
                        <div className="muted small flow-desc">{flow.description}</div>
                      )}
                    </td>
                    <td>
                      {flow.publishedVersion ? (
                        <Badge tone="success">Published v{flow.publishedVersion}</Badge>
                      ) : (
                        <Badge>Draft</Badge>
                      )}
                      {/* The published version's schedule, which is what runs: not the draft's. */}
                      {next && (
                        <div className="muted small flow-next-run" title={next.title}>
                          {next.at === null ? (
                            next.text
                          ) : (
                            <time dateTime={new Date(next.at).toISOString()}>{next.text}</time>
                          )}
                        </div>
                      )}
                    </td>
                    <td>
                      {lastRun ? (
                        <Link to={`/runs/${lastRun.id}`} className="run-cell">
                          <Badge tone={RUN_TONE[lastRun.status] ?? 'neutral'}>
                            {runStatusLabel(lastRun)}
                          </Badge>
                          <span className="muted small">{formatRelative(lastRun.createdAt)}</span>
                        </Link>
                      ) : (
                        <span className="muted small">Never run</span>
                      )}
                    </td>
                    <td>
                      {openTasks ? (
                        <Badge tone="warning">{openTasks} open</Badge>
                      ) : (
                        <span className="muted small">—</span>
                      )}
                    </td>
                    <td className="muted small">{formatRelative(flow.updatedAt)}</td>
                    <td className="actions-cell">
                      <IconButton
                        icon={Copy}
                        size={16}
                        label={`Make a copy of ${flow.name}`}
                        disabled={copying === flow.id}
                        onClick={() => void copy(flow)}
                      />
                      <IconButton
                        icon={Trash2}
                        size={16}
                        tone="danger"
                        label={`Delete ${flow.name}`}
                        onClick={() => setDeleting(flow)}
                      />
                    </td>
                  </tr>
                );
              })}
              {visible.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    No flow matches “{query}”.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <NewFlowModal open={creating} onClose={() => setCreating(false)} onCreate={create} />
      <Modal
        open={!!deleting}
        onClose={() => setDeleting(null)}
        title="Delete this flow?"
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>Keep it</Button>
            <Button
              variant="danger"
              busy={removing}
              onClick={() => deleting && void remove(deleting)}
            >
              Delete
            </Button>
          </>
        }
      >
        <p>
          “{deleting?.name}” and its draft will be deleted. Runs still in progress are canceled,
          with their open review tasks; finished runs and their history stay.
        </p>
      </Modal>
    </div>
  );
}
