"use client";

import { ChevronsUpDown, LogOut, UserRound } from "lucide-react";
import Link from "next/link";
import { Avatar } from "@/components/ui/avatar";
import { AvailabilityMenuItems } from "./availability-menu-items";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

/** The signed-in person at the bottom of the sidebar: opens their profile and signing out. */
export function AccountMenu({ workspaceId, name, email, avatarUrl, roleLabel, availability }: { workspaceId: string; name: string; email: string; avatarUrl: string | null; roleLabel: string; availability: "available" | "away" }) {
  return (
    // Not modal, like the workspace switcher: a modal menu hides the page with aria-hidden.
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger className="flex min-w-0 flex-1 items-center gap-2.5 rounded-md p-1 text-left hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring data-[state=open]:bg-muted">
        <Avatar name={name} src={avatarUrl} size="md" decorative />
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-foreground" title={name}>
            {name}
          </span>
          <span className="block truncate text-xs text-muted-foreground">
            {roleLabel} · {availability === "available" ? "Available" : "Away"}
          </span>
          <span className="sr-only">. Account menu</span>
        </span>
        <ChevronsUpDown className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" side="top" className="w-56">
        <DropdownMenuLabel className="truncate font-normal text-muted-foreground">{email}</DropdownMenuLabel>
        <AvailabilityMenuItems workspaceId={workspaceId} status={availability} />
        <DropdownMenuItem asChild>
          <Link href={`/${workspaceId}/profile`}>
            <UserRound aria-hidden />
            Profile and password
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/sign-out">
            <LogOut aria-hidden />
            Sign out
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
