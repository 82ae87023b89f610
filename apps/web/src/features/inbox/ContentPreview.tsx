import type { Flag } from '@tandem/schema';
import type { DiffOp } from '@tandem/nodes';
import {
  CHANNELS,
  EMAIL_SUBJECT_LIMIT,
  checkLength,
  splitBlog,
  splitEmail,
  visibleLength,
  type Channel,
} from './channel-preview.js';
import { highlightFlags } from './flag-ranges.js';

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 } as const;

/** Text with the checks' matches marked. React escapes every string, so markup stays text. */
export function Highlighted({ text, flags }: { text: string; flags: readonly Flag[] }) {
  return (
    <>
      {highlightFlags(text, flags).map((seg, i) => {
        if (seg.flags.length === 0) return <span key={i}>{seg.text}</span>;
        const worst = seg.flags.reduce((a, b) =>
          SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a,
        );
        const why = seg.flags.map((f) => f.message).join('; ');
        return (
          <mark key={i} className={`flag-mark flag-${worst.severity}`} title={why}>
            {seg.text}
            <span className="sr-only"> (flagged: {why})</span>
          </mark>
        );
      })}
    </>
  );
}

function LengthMeter({ channel, text }: { channel: Channel; text: string }) {
  const check = checkLength(channel, text);
  const spec = CHANNELS[channel];
  return (
    <p className={`length-meter${check.over ? ' is-over' : ''}`} aria-live="polite">
      {check.label}
      {spec.limitNote && <span className="muted"> · {spec.limitNote}</span>}
      {check.over > 0 && <strong> · {check.over} over the limit</strong>}
    </p>
  );
}

interface PreviewProps {
  text: string;
  channel: Channel;
  flags: readonly Flag[];
}

/** The content as its channel will show it: a post card, an email, a blog article. */
export function ContentPreview({ text, channel, flags }: PreviewProps) {
  if (channel === 'email') {
    const { subject, body } = splitEmail(text);
    return (
      <div className="preview preview-email">
        <div className="preview-email-head">
          <span className="muted small">Subject</span>
          <strong>{subject ? <Highlighted text={subject} flags={flags} /> : '(no subject)'}</strong>
          {subject && visibleLength(subject) > EMAIL_SUBJECT_LIMIT && (
            <span className="badge badge-warning">
              Subject over {EMAIL_SUBJECT_LIMIT} characters
            </span>
          )}
        </div>
        <div className="preview-text">
          <Highlighted text={body} flags={flags} />
        </div>
        <LengthMeter channel={channel} text={text} />
      </div>
    );
  }
  if (channel === 'blog') {
    const { title, paragraphs } = splitBlog(text);
    return (
      <article className="preview preview-blog">
        {title && (
          <h3 className="preview-blog-title">
            <Highlighted text={title} flags={flags} />
          </h3>
        )}
        {paragraphs.map((p, i) => (
          <p key={i} className="preview-text">
            <Highlighted text={p} flags={flags} />
          </p>
        ))}
        <LengthMeter channel={channel} text={text} />
      </article>
    );
  }
  return (
    <div className={`preview preview-${channel}`}>
      {(channel === 'social' || channel === 'chat') && (
        <div className="preview-post-head" aria-hidden="true">
          <span className="preview-avatar" />
          <span>
            <strong>Your brand</strong> <span className="muted small">· now</span>
          </span>
        </div>
      )}
      <div className="preview-text">
        <Highlighted text={text} flags={flags} />
      </div>
      <LengthMeter channel={channel} text={text} />
    </div>
  );
}

/** The reviewer's edit against the AI draft: removed words struck, added words underlined. */
export function DiffText({ ops }: { ops: readonly DiffOp[] }) {
  return (
    <div className="diff-text preview-text">
      {ops.map((op, i) =>
        op.op === 'equal' ? (
          <span key={i}>{op.text}</span>
        ) : op.op === 'insert' ? (
          <ins key={i}>
            <span className="sr-only">[added: </span>
            {op.text}
            <span className="sr-only">]</span>
          </ins>
        ) : (
          <del key={i}>
            <span className="sr-only">[removed: </span>
            {op.text}
            <span className="sr-only">]</span>
          </del>
        ),
      )}
    </div>
  );
}
