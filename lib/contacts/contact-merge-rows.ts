import { MERGE_FIELDS, type MergeField } from "./contact-merge.validation";

/**
 * The merge page's rows: every field and attribute of the two contacts, side by side, and whether
 * a choice is needed (both have a value and they differ). Client-safe.
 */
export type MergeRow = {
  kind: "field" | "attribute" | "tags";
  key: string;
  label: string;
  survivor: string | null;
  merged: string | null;
  differs: boolean;
};

export const MERGE_FIELD_LABELS: Record<MergeField, string> = {
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  phone: "Phone",
  company: "Company",
  externalId: "External id",
};

type MergeSideContact = Record<MergeField, string | null> & { attributes: Record<string, string | number | boolean | null>; tags: string[] };

const shown = (value: unknown): string | null => (value === null || value === undefined || (typeof value === "string" && value.trim() === "") ? null : String(value));

export function mergeRows(survivor: MergeSideContact, merged: MergeSideContact): MergeRow[] {
  const row = (kind: MergeRow["kind"], key: string, label: string, a: unknown, b: unknown): MergeRow => {
    const [left, right] = [shown(a), shown(b)];
    return { kind, key, label, survivor: left, merged: right, differs: left !== null && right !== null && left !== right };
  };
  const keys = [...new Set([...Object.keys(survivor.attributes), ...Object.keys(merged.attributes)])].sort();
  return [
    ...MERGE_FIELDS.map((field) => row("field", field, MERGE_FIELD_LABELS[field], survivor[field], merged[field])),
    ...keys.map((key) => row("attribute", key, key, survivor.attributes[key], merged.attributes[key])),
    // Tags are never chosen between: the merged contact has both sets.
    { kind: "tags", key: "tags", label: "Tags", survivor: [...new Set([...survivor.tags, ...merged.tags])].join(", ") || null, merged: null, differs: false },
  ];
}
