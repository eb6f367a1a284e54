"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { describedBy, type FieldControlProps } from "./field-props";
import { FieldMessages } from "./field-messages";

export function BooleanField({ id, meta, value, onChange, disabled, errors, disabledReason }: FieldControlProps<"boolean">) {
  return (
    <div className="grid gap-1.5">
      <div className="flex items-start gap-2">
        <Checkbox
          id={id}
          checked={value === true}
          onCheckedChange={(checked) => onChange(checked === true)}
          disabled={disabled}
          aria-describedby={describedBy(id, { meta, errors, disabledReason })}
          className="mt-0.5"
        />
        <label htmlFor={id} className="text-sm leading-5 font-medium">
          {meta.label}
        </label>
      </div>
      <FieldMessages id={id} meta={meta} errors={errors} disabledReason={disabledReason} />
    </div>
  );
}
