import type { SessionUser } from "@/lib/auth/session";
import type { Role, Workspace } from "@/lib/db/schema/workspaces";
import { SidebarNav } from "./sidebar-nav";
import { SignedInAgent } from "./signed-in-agent";
import { WorkspaceSwitcher } from "./workspace-switcher";

type SidebarProps = {
  user: SessionUser;
  role: Role;
  workspace: Pick<Workspace, "id" | "name" | "plan">;
  workspaces: Pick<Workspace, "id" | "name" | "plan">[];
};

/** The sidebar's content; the layout shows it fixed on wide screens and in a drawer on narrow ones. */
export function Sidebar({ user, role, workspace, workspaces }: SidebarProps) {
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-2 px-3 pt-3 pb-2">
        <div className="min-w-0 flex-1">
          <WorkspaceSwitcher
            current={{ id: workspace.id, name: workspace.name, plan: workspace.plan }}
            workspaces={workspaces.map(({ id, name, plan }) => ({ id, name, plan }))}
          />
        </div>
      </div>
      <div className="flex-1 overflow-y-auto py-2">
        <SidebarNav workspaceId={workspace.id} />
      </div>
      <SignedInAgent user={user} role={role} workspaceId={workspace.id} />
    </div>
  );
}
