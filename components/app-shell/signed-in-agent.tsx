import { LogOut } from "lucide-react";
import Link from "next/link";
import { Avatar } from "@/components/ui/avatar";
import { buttonVariants } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import type { SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/db/schema/workspaces";

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", admin: "Admin", agent: "Agent" };

export function SignedInAgent({ user, role }: { user: SessionUser; role: Role }) {
  return (
    <div className="flex items-center gap-2.5 border-t px-3 py-3">
      <Avatar name={user.name} src={user.avatarUrl} size="md" decorative />
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-foreground" title={user.name}>
          {user.name}
        </p>
        <p className="truncate text-xs text-muted-foreground">{ROLE_LABELS[role]}</p>
      </div>
      <Tooltip content="Sign out" side="top">
        <Link href="/sign-out" className={buttonVariants({ variant: "ghost", size: "icon-sm", className: "text-muted-foreground" })}>
          <LogOut aria-hidden />
          <span className="sr-only">Sign out</span>
        </Link>
      </Tooltip>
    </div>
  );
}
