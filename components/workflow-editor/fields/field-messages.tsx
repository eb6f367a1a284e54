import type { FieldMeta } from "@/lib/workflow/node-definition";

/** A field's description, why it is disabled, and its validation messages, tied to the control by id (aria-describedby). */
export function FieldMessages({ id, meta, errors, disabledReason }: { id: string; meta: FieldMeta; errors: readonly string[]; disabledReason?: string | null }) {
  return (
    <>
      {meta.description ? (
        <p id={`${id}-description`} className="text-xs text-muted-foreground">
          {meta.description}
        </p>
      ) : null}
      {disabledReason ? (
        <p id={`${id}-disabled-reason`} className="text-xs text-muted-foreground">
          {disabledReason}
        </p>
      ) : null}
      {errors.length ? (
        <ul id={`${id}-errors`} className="grid gap-0.5 text-xs font-medium text-destructive-soft-foreground">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
