import { Suspense, type ReactNode } from "react";
import { LiveRefresh } from "@/components/inbox/live-refresh";
import { LiveNotifier } from "@/components/notifications/live-notifier";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";

type LayoutProps = { children: ReactNode; params: Promise<{ workspaceId: string }> };

/**
 * The inbox's live connection lives here, not in the page: a page remounts on every change of
 * its params (another view, another conversation), which would close the event stream and open
 * a new one, and an event sent in between (a contact's reply right after the agent opened the
 * thread) would be lost. A layout stays mounted across those navigations.
 */
export default async function InboxLayout({ children, params }: LayoutProps) {
  const { workspaceId } = await params;
  const { workspace } = await requireWorkspacePage(workspaceId);
  return (
    <>
      <Suspense fallback={null}>
        <LiveRefresh workspaceId={workspace.id} />
      </Suspense>
      <LiveNotifier workspaceId={workspace.id} />
      {children}
    </>
  );
}
