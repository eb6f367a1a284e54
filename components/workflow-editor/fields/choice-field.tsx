"use client";

import { Badge } from "@/components/ui/badge";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { describedBy, type FieldControlProps } from "./field-props";
import { FieldMessages } from "./field-messages";

// A one-word hint ("Recommended") reads as a tag on the option; longer ones explain it below.
const isTag = (hint: string) => !/\s/.test(hint.trim());

/** A radio group: a fieldset named by its legend, a real <label> per option. */
export function ChoiceField({ id, meta, control, value, onChange, disabled, errors, disabledReason }: FieldControlProps<"choice">) {
  const legendId = `${id}-legend`;
  return (
    <fieldset className="grid gap-2" disabled={disabled}>
      <legend id={legendId} className="mb-2 text-sm font-medium">
        {meta.label}
      </legend>
      <RadioGroup
        value={typeof value === "string" ? value : undefined}
        onValueChange={onChange}
        aria-labelledby={legendId}
        aria-describedby={describedBy(id, { meta, errors, disabledReason })}
        aria-invalid={errors.length ? true : undefined}
        disabled={disabled}
        className="gap-2"
      >
        {control.options.map((option) => {
          const optionId = `${id}-${option.value}`;
          const hintId = option.hint && !isTag(option.hint) ? `${optionId}-hint` : undefined;
          return (
            <div key={option.value} className="flex items-start gap-2">
              <RadioGroupItem value={option.value} id={optionId} aria-describedby={hintId} className="mt-0.5" />
              <div className="grid gap-0.5">
                <label htmlFor={optionId} className="flex items-center gap-2 text-sm leading-5">
                  {option.label}
                  {option.hint && isTag(option.hint) ? <Badge variant="success">{option.hint}</Badge> : null}
                </label>
                {hintId ? (
                  <p id={hintId} className="text-xs text-muted-foreground">
                    {option.hint}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </RadioGroup>
      <FieldMessages id={id} meta={meta} errors={errors} disabledReason={disabledReason} />
    </fieldset>
  );
}
