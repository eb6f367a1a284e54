import type { FieldMeta } from "@/lib/workflow/node-definition";
import type { FieldKind } from "../field-kinds";

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
  errors: readonly string[];
};

export function describedBy(id: string, props: { meta: FieldMeta; errors: readonly string[] }, extra?: string): string | undefined {
  const ids = [props.meta.description ? `${id}-description` : null, props.errors.length ? `${id}-errors` : null, extra ?? null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}
