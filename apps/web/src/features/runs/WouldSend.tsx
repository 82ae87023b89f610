import { Badge } from '../../ui/index.js';
import { requestPreview, type WouldSend as WouldSendData } from './would-send.js';
import './would-send.css';

const KIND_NOTE = { json: 'JSON', html: 'HTML source, not rendered', text: null } as const;

/**
 * A test run's publish step: "Not sent — test run", where it would have gone and what it would
 * have sent. Every value is a React text child, so HTML and scripts the AI wrote show as text.
 */
export function WouldSend({ wouldSend }: { wouldSend: WouldSendData }) {
  const { fields, parts } = requestPreview(wouldSend.request);
  return (
    <div className="would-send" data-testid="would-send">
      <p className="would-send-head">
        <Badge tone="neutral">Not sent — test run</Badge>{' '}
        {wouldSend.target && (
          <span>
            Would go to <span className="mono would-send-target">{wouldSend.target}</span>
          </span>
        )}
      </p>
      {fields.length > 0 && (
        <dl className="would-send-fields">
          {fields.map((f) => (
            <div key={f.label} className="would-send-field">
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {parts.map((p) => (
        <figure key={p.label} className="would-send-part">
          <figcaption className="small">
            {p.label}
            {KIND_NOTE[p.kind] && <span className="muted"> · {KIND_NOTE[p.kind]}</span>}
          </figcaption>
          <pre className={`would-send-${p.kind}`} tabIndex={0}>
            {p.text}
          </pre>
        </figure>
      ))}
      {fields.length === 0 && parts.length === 0 && (
        <p className="muted small">Nothing would have been sent.</p>
      )}
    </div>
  );
}
