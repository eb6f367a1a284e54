"use client";

import { Plus, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { splitConfigSchema, splitSharesTotal, SPLIT_MAX_OUTPUTS, SPLIT_MIN_OUTPUTS } from "@/lib/workflow/nodes/split/definition";
import { describedBy, type FieldControlProps } from "./field-props";
import { FieldMessages } from "./field-messages";

const PATH_NAMES = ["A", "B", "C", "D"];

/** Splits 100 as evenly as whole numbers allow: 3 paths are 34, 33, 33. */
function evenShares(count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor(100 / count) + (i < 100 % count ? 1 : 0));
}

/** A Split's paths: one percentage each, 2–4 paths, with the total shown as it is typed. */
export function PercentagesField({ id, meta, value, onChange, disabled, errors, disabledReason }: FieldControlProps<"percentages">) {
  const parsed = splitConfigSchema.shape.shares.safeParse(value);
  const shares = parsed.success ? parsed.data : [50, 50];
  // A box may hold "" while typing; only whole numbers from 1 to 99 reach the config.
  const [texts, setTexts] = useState<Record<number, string>>({});
  const total = splitSharesTotal(shares);

  return (
    <fieldset className="grid gap-2" disabled={disabled} aria-describedby={describedBy(id, { meta, errors, disabledReason }, `${id}-total`)}>
      <legend className="mb-1 text-sm font-medium">{meta.label}</legend>
      {shares.map((share, i) => {
        const text = texts[i] ?? String(share);
        // The first box takes the field's id, which the panel focuses for a problem on this field.
        const inputId = i === 0 ? id : `${id}-${i}`;
        return (
          <div key={i} className="flex items-center gap-2">
            <label htmlFor={inputId} className="w-14 text-sm">
              Path {PATH_NAMES[i]}
            </label>
            <Input
              id={inputId}
              type="number"
              inputMode="numeric"
              min={1}
              max={99}
              step={1}
              value={Number(text) === share || text === "" ? text : String(share)}
              onChange={(event) => {
                setTexts({ ...texts, [i]: event.target.value });
                const next = Number(event.target.value);
                if (Number.isInteger(next) && next >= 1 && next <= 99) onChange(shares.map((old, j) => (j === i ? next : old)));
              }}
              aria-invalid={total !== 100 ? true : undefined}
              className="w-24"
            />
            <span aria-hidden className="text-sm text-muted-foreground">
              %
            </span>
            {shares.length > SPLIT_MIN_OUTPUTS && i === shares.length - 1 ? (
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={`Remove path ${PATH_NAMES[i]}`}
                onClick={() => {
                  setTexts({});
                  onChange(evenShares(shares.length - 1));
                }}
              >
                <X className="size-4" aria-hidden />
              </Button>
            ) : null}
          </div>
        );
      })}
      <div className="flex items-center justify-between gap-2">
        <p id={`${id}-total`} className={total === 100 ? "text-xs text-muted-foreground" : "text-xs font-medium text-destructive-soft-foreground"}>
          Total {total}%{total === 100 ? "" : " — make it 100%"}
        </p>
        {shares.length < SPLIT_MAX_OUTPUTS ? (
          <Button
            type="button"
            variant="outline"
            size="sm"
            onClick={() => {
              setTexts({});
              onChange(evenShares(shares.length + 1));
            }}
          >
            <Plus className="size-4" aria-hidden />
            Add a path
          </Button>
        ) : null}
      </div>
      <FieldMessages id={id} meta={meta} errors={errors} disabledReason={disabledReason} />
    </fieldset>
  );
}
