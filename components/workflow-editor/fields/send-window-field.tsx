"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { sendWindowSchema, WEEKDAY_LABELS, WEEKDAYS, type SendWindow, type Weekday } from "@/lib/outreach/send-window";
import { describedBy, type FieldControlProps } from "./field-props";
import { FieldMessages } from "./field-messages";

/** A send window: off (any time), or two times, the days it opens, and the contact attribute holding their time zone. */
export function SendWindowField({ id, meta, value, onChange, disabled, errors, disabledReason }: FieldControlProps<"send-window">) {
  const parsed = value === null || value === undefined ? null : sendWindowSchema.safeParse(value);
  const window: SendWindow | null = parsed?.success ? parsed.data : null;
  const set = (patch: Partial<SendWindow>) => onChange({ ...(window ?? sendWindowSchema.parse({})), ...patch });
  const toggleDay = (day: Weekday, on: boolean) => {
    const days = new Set(window?.days ?? []);
    if (on) days.add(day);
    else days.delete(day);
    set({ days: WEEKDAYS.filter((candidate) => days.has(candidate)) });
  };
  const described = describedBy(id, { meta, errors, disabledReason });
  return (
    <fieldset className="grid gap-2" aria-describedby={described}>
      <legend className="sr-only">{meta.label}</legend>
      <div className="flex items-start gap-2">
        <Checkbox
          id={id}
          checked={window !== null}
          onCheckedChange={(checked) => onChange(checked === true ? sendWindowSchema.parse({}) : null)}
          disabled={disabled}
          className="mt-0.5"
        />
        <label htmlFor={id} className="text-sm leading-5 font-medium">
          Only send in a window
        </label>
      </div>
      {window ? (
        <div className="grid gap-3 rounded-md border p-3">
          <div className="flex flex-wrap items-end gap-2">
            <div className="grid gap-1">
              <Label htmlFor={`${id}-start`}>From</Label>
              <Input id={`${id}-start`} type="time" value={window.start} onChange={(event) => event.target.value && set({ start: event.target.value })} disabled={disabled} className="w-32" />
            </div>
            <div className="grid gap-1">
              <Label htmlFor={`${id}-end`}>Until</Label>
              <Input id={`${id}-end`} type="time" value={window.end} onChange={(event) => event.target.value && set({ end: event.target.value })} disabled={disabled} className="w-32" />
            </div>
          </div>
          {window.end < window.start ? <p className="text-xs text-muted-foreground">Ends the next morning.</p> : null}
          <fieldset className="grid gap-1.5">
            <legend className="mb-1 text-sm font-medium">On</legend>
            <div className="flex flex-wrap gap-x-3 gap-y-2">
              {WEEKDAYS.map((day) => (
                <div key={day} className="flex items-center gap-1.5">
                  <Checkbox id={`${id}-${day}`} checked={window.days.includes(day)} onCheckedChange={(checked) => toggleDay(day, checked === true)} disabled={disabled} />
                  <label htmlFor={`${id}-${day}`} className="text-sm">
                    {WEEKDAY_LABELS[day]}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <div className="grid gap-1">
            <Label htmlFor={`${id}-zone`}>Contact attribute with their time zone</Label>
            <Input
              id={`${id}-zone`}
              value={window.timeZoneAttribute}
              onChange={(event) => set({ timeZoneAttribute: event.target.value })}
              disabled={disabled}
              placeholder="timezone"
              className="w-56"
            />
          </div>
        </div>
      ) : null}
      <FieldMessages id={id} meta={meta} errors={errors} disabledReason={disabledReason} />
    </fieldset>
  );
}
