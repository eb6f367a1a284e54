"use client";

import { AlarmClock } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { snoozeConversationAction } from "@/lib/actions/conversations";
import { useActionRunner } from "./use-action-runner";

function at(daysFromNow: number, hour: number): Date {
  const date = new Date();
  date.setDate(date.getDate() + daysFromNow);
  date.setHours(hour, 0, 0, 0);
  return date;
}

function nextMonday(): Date {
  const days = ((8 - new Date().getDay()) % 7) || 7;
  return at(days, 9);
}

// datetime-local wants "YYYY-MM-DDTHH:mm" in local time.
function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Snooze until a time; the wake-up job brings the conversation back to Open by itself. */
export function SnoozeMenu({ workspaceId, conversationId }: { workspaceId: string; conversationId: string }) {
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState(() => toLocalInput(at(1, 9)));
  const { run, pending, error } = useActionRunner();
  const inputId = useId();

  const snooze = async (until: Date) => {
    if (Number.isNaN(until.getTime())) return;
    const ok = await run(() => snoozeConversationAction({ workspaceId, conversationId, until: until.toISOString() }));
    if (ok) setOpen(false);
  };

  const presets = [
    { label: "In 1 hour", until: () => new Date(Date.now() + 60 * 60 * 1000) },
    { label: "Tomorrow at 9:00", until: () => at(1, 9) },
    { label: "Next Monday at 9:00", until: nextMonday },
  ];

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm" disabled={pending}>
          <AlarmClock aria-hidden />
          Snooze
        </Button>
      </PopoverTrigger>
      <PopoverContent align="start" aria-label="Snooze until" className="grid gap-3">
        <div className="grid gap-1">
          {presets.map((preset) => (
            <Button key={preset.label} variant="ghost" size="sm" className="justify-start" disabled={pending} onClick={() => snooze(preset.until())}>
              {preset.label}
            </Button>
          ))}
        </div>
        <form
          className="grid gap-2 border-t pt-3"
          onSubmit={(event) => {
            event.preventDefault();
            void snooze(new Date(custom));
          }}
        >
          <Label htmlFor={inputId}>Snooze until</Label>
          <Input id={inputId} type="datetime-local" value={custom} onChange={(e) => setCustom(e.target.value)} required />
          <Button type="submit" size="sm" disabled={pending}>
            Snooze until this time
          </Button>
        </form>
        {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
      </PopoverContent>
    </Popover>
  );
}
