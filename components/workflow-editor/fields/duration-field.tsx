"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { DURATION_UNITS, durationSchema, type DurationUnit } from "@/lib/workflow/duration";
import { describedBy, type FieldControlProps } from "./field-props";
import { FieldMessages } from "./field-messages";

const UNIT_LABELS: Record<DurationUnit, string> = { seconds: "Seconds", minutes: "Minutes", hours: "Hours", days: "Days" };

export function DurationField({ id, meta, value, onChange, disabled, errors, disabledReason }: FieldControlProps<"duration">) {
  const parsed = durationSchema.safeParse(value);
  const duration = parsed.success ? parsed.data : { amount: 1, unit: "days" as const };
  // The box may hold "" or "0" while typing; only whole numbers of at least 1 reach the config.
  const [text, setText] = useState(String(duration.amount));
  const shown = Number(text) === duration.amount ? text : String(duration.amount);
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{meta.label}</Label>
      <div className="flex gap-2">
        <Input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={text === "" ? "" : shown}
          onChange={(event) => {
            setText(event.target.value);
            const amount = Number(event.target.value);
            if (Number.isInteger(amount) && amount >= 1) onChange({ ...duration, amount });
          }}
          disabled={disabled}
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={describedBy(id, { meta, errors, disabledReason })}
          className="w-24"
        />
        <Select value={duration.unit} onValueChange={(unit) => onChange({ ...duration, unit })} disabled={disabled}>
          <SelectTrigger aria-label={`${meta.label} unit`} className="w-32">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {DURATION_UNITS.map((unit) => (
              <SelectItem key={unit} value={unit}>
                {UNIT_LABELS[unit]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <FieldMessages id={id} meta={meta} errors={errors} disabledReason={disabledReason} />
    </div>
  );
}
