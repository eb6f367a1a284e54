import { LogOut } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import type { SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/db/schema/workspaces";
import { getDb } from "@/lib/db/client";
import { ROLE_LABELS } from "@/lib/members/role-labels";
import { readAvailability } from "@/lib/round-robin/round-robin-settings";
import { AccountMenu } from "./account-menu";


export async function SignedInAgent({ user, role, workspaceId }: { user: SessionUser; role: Role; workspaceId: string }) {
  const availability = await readAvailability(getDb(), workspaceId, user.id);
  return (
    <div className="flex items-center gap-1 border-t px-2 py-2">
      <AccountMenu workspaceId={workspaceId} name={user.name} email={user.email} avatarUrl={user.avatarUrl} roleLabel={ROLE_LABELS[role]} availability={availability} />
      <Tooltip content="Sign out" side="top">
        <Link href="/sign-out" className={buttonVariants({ variant: "ghost", size: "icon-sm", className: "text-muted-foreground" })}>
          <LogOut aria-hidden />
          <span className="sr-only">Sign out</span>
        </Link>
      </Tooltip>
    </div>
  );
}
