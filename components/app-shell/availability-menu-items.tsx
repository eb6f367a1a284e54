"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { DropdownMenuLabel, DropdownMenuRadioGroup, DropdownMenuRadioItem, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";
import { setAvailabilityAction } from "@/lib/actions/round-robin";

type Status = "available" | "away";

/** Available or Away, in the account menu: round robin gives conversations only to Available agents with the app open. */
export function AvailabilityMenuItems({ workspaceId, status }: { workspaceId: string; status: Status }) {
  const router = useRouter();
  const [current, setCurrent] = useState<Status>(status);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">Availability</DropdownMenuLabel>
      <DropdownMenuRadioGroup
        value={current}
        onValueChange={(value) => {
          const next = value as Status;
          const before = current;
          setCurrent(next);
          startTransition(async () => {
            const result = await setAvailabilityAction({ workspaceId, status: next });
            if (result.ok) router.refresh();
            else setCurrent(before);
          });
        }}
      >
        <DropdownMenuRadioItem value="available" disabled={pending} onSelect={(event) => event.preventDefault()}>
          <span aria-hidden className="size-2 rounded-full bg-green-600" />
          Available
        </DropdownMenuRadioItem>
        <DropdownMenuRadioItem value="away" disabled={pending} onSelect={(event) => event.preventDefault()}>
          <span aria-hidden className="size-2 rounded-full bg-amber-500" />
          Away
        </DropdownMenuRadioItem>
      </DropdownMenuRadioGroup>
      <DropdownMenuSeparator />
    </>
  );
}
