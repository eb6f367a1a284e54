import { redirect } from "next/navigation";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";

export default async function WorkspaceHome({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace } = await requireWorkspacePage(workspaceId);
  // Agents start in the inbox.
  redirect(`/${workspace.id}/inbox`);
}
