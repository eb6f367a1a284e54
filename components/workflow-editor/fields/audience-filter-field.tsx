"use client";

import { useMemo } from "react";
import { AudienceFilterEditor } from "@/components/audience-filter/audience-filter-editor";
import { filterAttributes, readFilter } from "@/components/audience-filter/audience-filter-model";
import { useEditorContext } from "@/components/workflow-editor/editor-context";
import { AudiencePreview } from "./audience-preview";
import type { FieldControlProps } from "./field-props";
import { FieldMessages } from "./field-messages";

/** Audience Matched's filter: the shared contact filter editor, with a live count. */
export function AudienceFilterField({ id, meta, value, onChange, disabled, errors, disabledReason }: FieldControlProps<"audience-filter">) {
  const { customAttributeKeys, attributeDefinitions, tags } = useEditorContext();
  const filter = readFilter(value);
  const attributes = useMemo(() => filterAttributes(attributeDefinitions, customAttributeKeys), [attributeDefinitions, customAttributeKeys]);

  return (
    <fieldset className="grid gap-4" disabled={disabled}>
      <legend className="mb-2 text-sm font-medium">{meta.label}</legend>
      <AudienceFilterEditor id={id} filter={filter} onChange={onChange} attributes={attributes} tags={tags} disabled={disabled} />
      <FieldMessages id={id} meta={meta} errors={errors} disabledReason={disabledReason} />
      <AudiencePreview filter={filter} />
    </fieldset>
  );
}
