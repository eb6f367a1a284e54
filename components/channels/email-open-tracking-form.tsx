"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { InlineStatus } from "@/components/ui/inline-status";
import { setEmailOpenTrackingAction } from "@/lib/actions/outreach-status";

/** The workspace's email open pixel, off by default (owners and admins; the action checks the role again). */
export function EmailOpenTrackingForm({ workspaceId, enabled, readOnly }: { workspaceId: string; enabled: boolean; readOnly: boolean }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [checked, setChecked] = useState(enabled);
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  const change = (next: boolean) => {
    setChecked(next);
    startTransition(async () => {
      const result = await setEmailOpenTrackingAction({ workspaceId, enabled: next });
      if (!result.ok) {
        setChecked(!next);
        return setStatus({ tone: "error", text: result.error });
      }
      setStatus({ tone: "success", text: next ? "Opens are tracked from the next workflow email." : "Opens are no longer tracked." });
      router.refresh();
    });
  };

  return (
    <div className="grid gap-2">
      <div className="flex items-start gap-2">
        <Checkbox id={id} checked={checked} onCheckedChange={(value) => change(value === true)} disabled={readOnly || pending} aria-describedby={`${id}-hint`} />
        <div className="grid gap-1">
          <label htmlFor={id} className="text-sm font-medium">
            Track when workflow emails are opened
          </label>
          <p id={`${id}-hint`} className="text-sm text-muted-foreground">
            Adds an invisible image to the first email of each workflow conversation; loading it marks the message seen on the workflow&apos;s Results.
            Mail apps that block images never report an open.
          </p>
        </div>
      </div>
      {status ? <InlineStatus tone={status.tone}>{status.text}</InlineStatus> : null}
    </div>
  );
}
