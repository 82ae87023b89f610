import { outputText } from './run-view.js';
import { LongText } from './LongText.js';

/**
 * A step's output in the timeline, folded. Written text (an AI draft, the approved post) reads
 * as prose, wrapped, in the page's font; anything else as JSON; a long one shows its start, the
 * rest one click away.
 */
export function StepOutput({ output, stepName }: { output: unknown; stepName: string }) {
  const out = outputText(output, Number.POSITIVE_INFINITY);
  if (!out.text) return null;
  const prose =
    typeof output === 'string' ||
    (typeof output === 'object' &&
      output !== null &&
      typeof (output as { text?: unknown }).text === 'string');
  return (
    <details>
      {/* Tabbing through the timeline, a screen reader said "Output" once per step, no more. */}
      <summary className="small">
        Output<span className="sr-only"> of {stepName}</span>
      </summary>
      <LongText text={out.text} className={prose ? 'ctx-output run-output-text' : 'ctx-output'} />
    </details>
  );
}
