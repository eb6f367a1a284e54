"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { setPlanAction } from "@/lib/actions/workspace";
import { isEnterprise, type Plan } from "@/lib/plans/plan";

const PLANS: { value: Plan; label: string; description: string }[] = [
  { value: "free", label: "Free", description: "Workflows, the inbox, chat and SMS channels, and the REST API on the default chat channel." },
  {
    value: "enterprise",
    label: "Enterprise",
    description: "Adds channel integrations (signed webhooks to third-party systems), the third-party fields of Start a Conversation, and the API's third-party options.",
  },
];

export function PlanForm({ workspaceId, plan }: { workspaceId: string; plan: Plan }) {
  const router = useRouter();
  const [value, setValue] = useState<Plan>(plan);
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);

  function save() {
    startTransition(async () => {
      const result = await setPlanAction({ workspaceId, plan: value });
      setStatus(result.ok ? { tone: "success", message: `The workspace is on the ${isEnterprise(value) ? "Enterprise" : "Free"} plan.` } : { tone: "error", message: result.error });
      if (result.ok) router.refresh();
    });
  }

  return (
    <div className="grid gap-4">
      <RadioGroup value={value} onValueChange={(next) => setValue(next as Plan)} aria-label="Plan" className="grid gap-3">
        {PLANS.map((option) => (
          <div key={option.value} className="flex items-start gap-3 rounded-lg border p-4">
            <RadioGroupItem id={`plan-${option.value}`} value={option.value} aria-describedby={`plan-${option.value}-description`} className="mt-0.5" />
            <div className="grid gap-1">
              <Label htmlFor={`plan-${option.value}`}>{option.label}</Label>
              <p id={`plan-${option.value}-description`} className="text-sm text-muted-foreground">
                {option.description}
              </p>
            </div>
          </div>
        ))}
      </RadioGroup>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={save} disabled={pending || value === plan}>
          {pending ? "Saving…" : "Save plan"}
        </Button>
        {status ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
      </div>
    </div>
  );
}
