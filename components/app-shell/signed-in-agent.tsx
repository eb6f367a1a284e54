import { LogOut } from "lucide-react";
import Link from "next/link";
import { Avatar } from "@/components/ui/avatar";
import type { SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/db/schema/workspaces";

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", admin: "Admin", agent: "Agent" };

export function SignedInAgent({ user, role }: { user: SessionUser; role: Role }) {
  return (
    <div className="flex items-center gap-2.5 border-t px-4 py-3" data-testid="signed-in-agent">
      <Avatar name={user.name} src={user.avatarUrl} size="md" decorative />
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-foreground">{user.name}</p>
        <p className="truncate text-xs text-muted-foreground">{ROLE_LABELS[role]}</p>
      </div>
      <Link
        href="/sign-out"
        className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-xs font-medium text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring"
      >
        <LogOut className="size-3.5" aria-hidden />
        Sign out
      </Link>
    </div>
  );
}
