/**
 * The control in the step settings that a problem is about, by the ids the settings form gives
 * its fields: `cfg-<step>-<key>` at the top, `cfg-<step>-<list>-<list>-<index>-<key>` in a list's
 * item. None for a problem of the step as a whole.
 */
export function problemFieldIds(nodeId: string, path: readonly (string | number)[]): string[] {
  if (path.length === 0) return [];
  const joined = path.join('-');
  return [`cfg-${nodeId}-${joined}`, `cfg-${nodeId}-${String(path[0])}-${joined}`];
}

/**
 * Moves the focus to the field a problem is about once the step's settings have opened: a
 * designer who picked "Send email — To: Required" from the problems list can type the address
 * at once, and a screen reader user lands where the fix is instead of back on the list. Falls
 * back to the first field marked invalid, then to the panel.
 */
export function focusProblemField(nodeId: string, path: readonly (string | number)[]): void {
  let frames = 0;
  const attempt = () => {
    const panel = document.querySelector<HTMLElement>('[data-testid="inspector"]');
    if (!panel && frames++ < 10) return void requestAnimationFrame(attempt);
    const field =
      problemFieldIds(nodeId, path)
        .map((id) => document.getElementById(id))
        .find((el): el is HTMLElement => el !== null) ??
      (path.length ? panel?.querySelector<HTMLElement>('[aria-invalid="true"]') : null) ??
      panel;
    field?.focus({ preventScroll: false });
  };
  requestAnimationFrame(attempt);
}
