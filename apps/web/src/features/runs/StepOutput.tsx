import { useState } from 'react';
import { Button } from '../../ui/index.js';
import { outputText } from './run-view.js';

/** Enough to read a draft at a glance without one giant step pushing the timeline away. */
const FIRST_PART = 4000;

/**
 * A step's output in the timeline, folded. Written text (an AI draft, the approved post) reads
 * as prose, wrapped, in the page's font; anything else as JSON. A long draft used to end in "…"
 * with no way to read the rest on the run page: now the rest is one click away.
 */
export function StepOutput({ output, stepName }: { output: unknown; stepName: string }) {
  const [all, setAll] = useState(false);
  const out = outputText(output, all ? Number.POSITIVE_INFINITY : FIRST_PART);
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
      <pre className={prose ? 'ctx-output run-output-text' : 'ctx-output'}>{out.text}</pre>
      {out.truncated && (
        <Button size="sm" variant="ghost" onClick={() => setAll(true)}>
          Show the rest
        </Button>
      )}
    </details>
  );
}
