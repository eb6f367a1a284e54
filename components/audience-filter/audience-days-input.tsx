"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { DAYS_HINT, DAYS_RANGE, readDays } from "./audience-filter-model";

/**
 * Audience Matched's Days. What is typed stays in the box: a value the schema refuses (0, empty,
 * -5, 100000) is shown with the allowed range and an error, and the step keeps its last valid
 * number of days until the box holds an allowed one; nothing is replaced behind the builder's back.
 */
export function AudienceDaysInput({ id, days, onChange }: { id: string; days: number; onChange: (days: number) => void }) {
  // The typed text, and the days it was last in step with: an outside change (undo) resets the text.
  const [typed, setTyped] = useState({ text: String(days), days });
  if (typed.days !== days) setTyped({ text: String(days), days });
  const read = readDays(typed.text);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="grid gap-1">
      <div className="flex items-center gap-2">
        <Input
          id={id}
          type="number"
          inputMode="numeric"
          min={DAYS_RANGE.min}
          max={DAYS_RANGE.max}
          step={1}
          value={typed.text}
          onChange={(event) => {
            const text = event.target.value;
            const next = readDays(text);
            setTyped({ text, days: next.ok ? next.days : days });
            if (next.ok && next.days !== days) onChange(next.days);
          }}
          aria-invalid={read.ok ? undefined : true}
          aria-describedby={read.ok ? hintId : `${hintId} ${errorId}`}
          className="w-24"
        />
        <Label htmlFor={id} className="font-normal">
          Days
        </Label>
      </div>
      <p id={hintId} className="text-xs text-muted-foreground">
        {DAYS_HINT}
      </p>
      {read.ok ? null : (
        <p id={errorId} className="text-xs font-medium text-destructive-soft-foreground" role="alert">
          {read.error} Until then the step keeps {days.toLocaleString("en")} {days === 1 ? "day" : "days"}.
        </p>
      )}
    </div>
  );
}
