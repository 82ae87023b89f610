import { useEffect, useState } from 'react';
import { LIMITS, type Graph } from '@tandem/schema';
import { api } from '../../api/client.js';
import { Button, Field, Modal, Spinner } from '../../ui/index.js';
import { NodeIcon } from './editor/node-icons.js';

export interface FlowTemplate {
  id: string;
  name: string;
  description: string;
  graph: Graph;
}

const TYPE_ICON: Record<string, string> = {
  'trigger.manual': 'play',
  'trigger.webhook': 'webhook',
  'ai.generate': 'sparkles',
  'check.brand': 'shield-check',
  'check.budget': 'wallet',
  'human.review': 'user-check',
  'logic.branch': 'git-branch',
  'publish.webhook': 'send',
  'publish.email': 'mail',
  'publish.slack': 'message-square',
  'publish.wordpress': 'globe',
  'publish.library': 'library',
  'util.delay': 'clock',
};

/** "New flow": a blank canvas or one of the templates, with a name. */
export function NewFlowModal({
  open,
  onClose,
  onCreate,
}: {
  open: boolean;
  onClose: () => void;
  onCreate: (input: { name: string; description?: string; graph: Graph }) => Promise<void>;
}) {
  const [templates, setTemplates] = useState<FlowTemplate[] | null>(null);
  const [choice, setChoice] = useState<string>('blank');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setChoice('blank');
    setName('');
    setError(null);
    api
      .get<{ items: FlowTemplate[] }>('/api/templates')
      .then((r) => setTemplates(r.items))
      .catch(() => setTemplates([]));
  }, [open]);

  const template = templates?.find((t) => t.id === choice);

  const create = async () => {
    const finalName = name.trim() || template?.name || 'Untitled flow';
    setBusy(true);
    setError(null);
    try {
      await onCreate({
        name: finalName,
        ...(template ? { description: template.description } : {}),
        graph: template ? template.graph : { nodes: [], edges: [] },
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Could not create the flow');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      onClose={onClose}
      title="New flow"
      size="lg"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            type="submit"
            form="new-flow-form"
            busy={busy}
            data-testid="create-flow"
          >
            {busy ? 'Creating…' : template ? 'Use this template' : 'Create blank flow'}
          </Button>
        </>
      }
    >
      {/* A form, so Enter in the name creates the flow as the button would: typing a name and
          pressing Enter did nothing. */}
      <form
        id="new-flow-form"
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void create();
        }}
      >
        <Field label="Name" htmlFor="new-flow-name" help="You can rename it any time.">
          <input
            id="new-flow-name"
            value={name}
            // The server refuses longer names with a generic "request body is not valid".
            maxLength={LIMITS.name}
            placeholder={template?.name ?? 'Untitled flow'}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <div
          role="radiogroup"
          aria-label="Start from"
          className="template-grid"
          // The keys a radio group answers to: the arrows move the choice (each card was a
          // separate Tab stop and the arrows did nothing).
          onKeyDown={(e) => {
            const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
            if (!step) return;
            e.preventDefault();
            const ids = ['blank', ...(templates ?? []).map((t) => t.id)];
            const next = ids[(ids.indexOf(choice) + step + ids.length) % ids.length]!;
            setChoice(next);
            e.currentTarget.querySelector<HTMLElement>(`[data-testid="template-${next}"]`)?.focus();
          }}
        >
          <TemplateCard
            id="blank"
            selected={choice === 'blank'}
            onSelect={setChoice}
            title="Blank canvas"
            description="Start from nothing and drag steps from the palette."
            steps={[]}
          />
          {!templates && <Spinner label="Loading templates" />}
          {templates?.map((t) => (
            <TemplateCard
              key={t.id}
              id={t.id}
              selected={choice === t.id}
              onSelect={setChoice}
              title={t.name}
              description={t.description}
              steps={t.graph.nodes.map((n) => ({ type: n.type, label: n.label }))}
            />
          ))}
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}

function TemplateCard({
  id,
  selected,
  onSelect,
  title,
  description,
  steps,
}: {
  id: string;
  selected: boolean;
  onSelect: (id: string) => void;
  title: string;
  description: string;
  steps: { type: string; label?: string | undefined }[];
}) {
  return (
    <button
      type="button"
      role="radio"
      aria-checked={selected}
      tabIndex={selected ? 0 : -1}
      className={`template-card${selected ? ' selected' : ''}`}
      onClick={() => onSelect(id)}
      data-testid={`template-${id}`}
    >
      <span className="template-title">{title}</span>
      <span className="template-desc">{description}</span>
      {steps.length > 0 && (
        <span className="template-steps" aria-label={`${steps.length} steps`}>
          {steps.map(({ type, label }, i) => (
            <span
              key={i}
              className={`template-step cat-${type.split('.')[0] === 'util' ? 'logic' : type.split('.')[0]}`}
              // The step's name from the template ("Brand check"), not its type id.
              title={label ?? type}
            >
              <NodeIcon name={TYPE_ICON[type] ?? ''} size={13} />
            </span>
          ))}
        </span>
      )}
    </button>
  );
}
