/** The id of a field's control in the step panel: what its label names and what a problem focuses. */
export function fieldControlId(nodeId: string, field: string): string {
  return `${nodeId}-${field}`;
}

const FOCUSABLE = 'input:not([disabled]), button:not([disabled]), select:not([disabled]), textarea:not([disabled]), [contenteditable="true"], [tabindex]:not([tabindex="-1"])';

/**
 * Focuses the control of the field a problem names (GraphIssue.field, a dotted path whose first
 * part is the panel's field) once the panel shows it. The panel renders after the selection
 * changes, and a message editor only after that, so this looks again on each frame, for about a
 * second at most. Returns a function that stops looking.
 */
export function focusFieldWhenShown(nodeId: string, field: string | undefined, frames = 60): () => void {
  const name = field?.split(".")[0];
  if (!name) return () => {};
  let left = frames;
  let handle = 0;
  const attempt = () => {
    const element = document.getElementById(fieldControlId(nodeId, name));
    const target = element?.matches(FOCUSABLE) ? element : element?.querySelector<HTMLElement>(FOCUSABLE);
    if (target) {
      target.focus();
      target.scrollIntoView({ block: "nearest" });
      return;
    }
    if (--left > 0) handle = requestAnimationFrame(attempt);
  };
  handle = requestAnimationFrame(attempt);
  return () => cancelAnimationFrame(handle);
}
