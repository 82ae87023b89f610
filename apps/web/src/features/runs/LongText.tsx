import { useState } from 'react';
import { Button } from '../../ui/index.js';

/** How much of a long text (an output, a run's input) shows at first. */
export const FIRST_PART = 4000;

/**
 * Long text cut short, the rest one click away; `className` sets it in a `<pre>`. A long draft
 * used to end in "…" with no way to read the rest, and a webhook's 1 MB input was laid out whole.
 */
export function LongText({ text, className }: { text: string; className?: string }) {
  const [all, setAll] = useState(false);
  const cut = !all && text.length > FIRST_PART;
  const shown = cut ? `${text.slice(0, FIRST_PART)}…` : text;
  return (
    <>
      {className ? <pre className={className}>{shown}</pre> : shown}
      {cut && (
        <Button size="sm" variant="ghost" onClick={() => setAll(true)}>
          Show the rest
        </Button>
      )}
    </>
  );
}
