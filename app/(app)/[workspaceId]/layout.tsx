import type { ReactNode } from "react";
import { MobileNav } from "@/components/app-shell/mobile-nav";
import { Sidebar } from "@/components/app-shell/sidebar";
import { WorkspaceTile } from "@/components/app-shell/workspace-tile";
import { LiveStreamProvider } from "@/components/live/live-stream";
import { LiveNotifier } from "@/components/notifications/live-notifier";
import { TimeZoneProvider } from "@/components/time/time-zone-provider";
import { listUserWorkspaces } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";

type LayoutProps = { children: ReactNode; params: Promise<{ workspaceId: string }> };

export default async function WorkspaceLayout({ children, params }: LayoutProps) {
  const { workspaceId } = await params;
  const { user, workspace, role } = await requireWorkspacePage(workspaceId);
  const [workspaces, timeZone] = await Promise.all([listUserWorkspaces(user.id), viewerTimeZone()]);
  const sidebar = <Sidebar user={user} role={role} workspace={workspace} workspaces={workspaces} />;

  return (
    <TimeZoneProvider timeZone={timeZone}>
      {/* One live stream per tab on every signed-in page: notifications (desktop, tab title) and
          "active in the app" work wherever the agent is, not only in the inbox. */}
      <LiveStreamProvider workspaceId={workspace.id}>
        <LiveNotifier workspaceId={workspace.id} />
        <div className="flex min-h-dvh bg-background">
          <a
            href="#main"
            className="sr-only z-50 rounded-md bg-background px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
          >
            Skip to content
          </a>
          <aside aria-label="Sidebar" className="sticky top-0 hidden h-dvh w-60 shrink-0 border-r bg-sidebar md:block">
            {sidebar}
          </aside>
          <div className="flex min-w-0 flex-1 flex-col">
            <header className="sticky top-0 z-10 flex h-14 items-center gap-2 border-b bg-background px-3 md:hidden">
              <MobileNav workspaceName={workspace.name}>{sidebar}</MobileNav>
              <WorkspaceTile name={workspace.name} className="size-6" />
              <span className="truncate text-sm font-semibold">{workspace.name}</span>
            </header>
            <main id="main" tabIndex={-1} className="min-w-0 flex-1 outline-none">
              {children}
            </main>
          </div>
        </div>
      </LiveStreamProvider>
    </TimeZoneProvider>
  );
}
