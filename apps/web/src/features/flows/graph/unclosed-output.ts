/*
 * A `{{` left open ("about {{ input.topic.") passed the editor's checks and failed only on
 * Publish, in the template library's words: 'output "{{ input.topic." not closed, line:1, col:7'.
 * This finds it as it is typed and says what to add.
 */

/** How much of the open reference the message quotes. */
const QUOTED = 24;

/** The problem with the first `{{` in `template` that has no `}}` before the next `{{`, or null. */
export function unclosedOutputProblem(template: string): string | null {
  let from = template.indexOf('{{');
  while (from >= 0) {
    const next = template.indexOf('{{', from + 2);
    const close = template.indexOf('}}', from + 2);
    if (close < 0 || (next >= 0 && next < close)) {
      const open = template
        .slice(from, next >= 0 ? next : undefined)
        .split('\n')[0]!
        .trimEnd();
      const quoted = open.length > QUOTED ? `${open.slice(0, QUOTED).trimEnd()}…` : open;
      return `“${quoted}” is not closed: end it with }}`;
    }
    from = next;
  }
  return null;
}
