"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { setAgentCapAction } from "@/lib/actions/round-robin";

type Props = {
  workspaceId: string;
  member: { id: string; name: string; avatarUrl: string | null };
  /** This agent's own cap, or null: their teams' default. */
  maxOpen: number | null;
  teamDefault: number;
};

/**
 * One member's cap of open conversations instead of the team default (blank: the default). The
 * cap is the agent's, so it holds in every team of theirs that assigns automatically.
 */
export function AgentCapForm({ workspaceId, member, maxOpen, teamDefault }: Props) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = String(new FormData(event.currentTarget).get("maxOpen") ?? "").trim();
    startTransition(async () => {
      const result = await setAgentCapAction({ workspaceId, userId: member.id, maxOpen: raw === "" ? null : Number(raw) });
      if (result.ok) {
        setStatus({ tone: "success", message: raw === "" ? "Team default" : "Saved" });
        router.refresh();
      } else {
        setStatus({ tone: "error", message: result.fieldErrors?.maxOpen?.[0] ?? result.error });
      }
    });
  }

  const statusId = `${id}-status`;
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2" aria-label={`Cap for ${member.name}`}>
      <span className="flex min-w-0 flex-1 basis-40 items-center gap-2">
        <Avatar name={member.name} src={member.avatarUrl} size="xs" decorative />
        <label htmlFor={id} className="min-w-0 truncate text-sm">
          {member.name}
        </label>
      </span>
      <Input
        id={id}
        name="maxOpen"
        type="number"
        inputMode="numeric"
        min={0}
        max={10000}
        defaultValue={maxOpen ?? ""}
        placeholder={`Default (${teamDefault})`}
        className="h-8 w-36"
        aria-invalid={status?.tone === "error" ? true : undefined}
        aria-describedby={status ? statusId : undefined}
      />
      <Button type="submit" variant="outline" size="sm" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <span id={statusId} role="status" className={status?.tone === "error" ? "w-full text-xs font-medium text-destructive-soft-foreground sm:w-auto" : "text-xs text-muted-foreground"}>
        {status?.message ?? ""}
      </span>
    </form>
  );
}
