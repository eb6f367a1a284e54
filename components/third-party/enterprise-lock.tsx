import { Lock } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** What a free workspace sees in place of an Enterprise feature: what it is, and how to get it. */
export function EnterpriseLock({
  workspaceId,
  feature,
  children,
  canChangePlan,
}: {
  workspaceId: string;
  feature: string;
  children: ReactNode;
  canChangePlan: boolean;
}) {
  return (
    <div role="note" aria-label={`${feature} is locked`} className="flex flex-col gap-3 rounded-xl border border-dashed bg-subtle px-5 py-5 sm:flex-row sm:items-start">
      <div className="flex size-9 shrink-0 items-center justify-center rounded-full bg-accent text-accent-foreground">
        <Lock className="size-4" aria-hidden />
      </div>
      <div className="grid gap-2 text-sm">
        <p className="font-semibold text-foreground">{feature} is an Enterprise feature</p>
        <div className="text-muted-foreground">{children}</div>
        <div>
          {canChangePlan ? (
            <Button asChild size="sm">
              <Link href={`/${workspaceId}/settings/plan`}>Change the plan</Link>
            </Button>
          ) : (
            <p className="text-muted-foreground">Ask the workspace owner to switch to Enterprise in Settings › Plan.</p>
          )}
        </div>
      </div>
    </div>
  );
}
