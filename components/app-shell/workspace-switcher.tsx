"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { Workspace } from "@/lib/db/schema/workspaces";
import { CreateWorkspaceDialog } from "./create-workspace-dialog";
import { PlanBadge } from "./plan-badge";
import { PLAN_LABELS } from "@/lib/plans/plan";
import { WorkspaceTile } from "./workspace-tile";

type WorkspaceSummary = { id: string; name: string; plan: Workspace["plan"] };

export function WorkspaceSwitcher({ current, workspaces }: { current: WorkspaceSummary; workspaces: WorkspaceSummary[] }) {
  const [creating, setCreating] = useState(false);
  return (
    <>
      {/* Not modal: a modal menu hides the rest of the page with aria-hidden while open, which
          leaves focusable links inside hidden content (axe: aria-hidden-focus). */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger className="flex w-full items-center gap-2 rounded-md p-1.5 text-left hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring data-[state=open]:bg-muted">
          <WorkspaceTile name={current.name} />
          <span className="min-w-0 flex-1 truncate text-sm font-semibold text-foreground">
            {current.name}
            <span className="sr-only">, {PLAN_LABELS[current.plan]} plan. Switch workspace</span>
          </span>
          <ChevronsUpDown className="size-4 shrink-0 text-muted-foreground" aria-hidden />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel>Workspaces</DropdownMenuLabel>
          {workspaces.map((workspace) => {
            const isCurrent = workspace.id === current.id;
            return (
              <DropdownMenuItem key={workspace.id} asChild>
                <Link href={`/${workspace.id}/inbox`} aria-current={isCurrent ? "page" : undefined}>
                  <WorkspaceTile name={workspace.name} className="size-6" />
                  <span className="min-w-0 flex-1 truncate">{workspace.name}</span>
                  <PlanBadge plan={workspace.plan} />
                  <Check className={isCurrent ? "text-primary" : "invisible"} aria-hidden />
                </Link>
              </DropdownMenuItem>
            );
          })}
          <DropdownMenuSeparator />
          {/* The dialog lives outside the menu, which closes as it opens. */}
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus aria-hidden />
            Create workspace
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateWorkspaceDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
