import type { FieldMeta } from "@/lib/workflow/node-definition";
import type { FieldKind } from "@/components/workflow-editor/field-kinds";

/** What every field control gets from the panel. */
export type FieldControlProps<K extends FieldKind["kind"] = FieldKind["kind"]> = {
  /** Unique per node and field; the control's id. */
  id: string;
  nodeId: string;
  name: string;
  meta: FieldMeta;
  control: Extract<FieldKind, { kind: K }>;
  value: unknown;
  /** The node's whole config, for fields that depend on another (the channel's kind). */
  config: Record<string, unknown>;
  onChange: (value: unknown) => void;
  disabled: boolean;
  /** Why the field does not apply to this config (its definition's disabledWhen); shown under it. */
  disabledReason?: string | null;
  errors: readonly string[];
};

type Described = { meta: FieldMeta; errors: readonly string[]; disabledReason?: string | null };

export function describedBy(id: string, props: Described, extra?: string): string | undefined {
  const ids = [
    props.meta.description ? `${id}-description` : null,
    props.disabledReason ? `${id}-disabled-reason` : null,
    props.errors.length ? `${id}-errors` : null,
    extra ?? null,
  ].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}
