import { Inbox } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";

export const metadata: Metadata = { title: "Inbox" };

// The built-in views; custom Conversation Views will be addressed by id under the same route.
const BUILT_IN_VIEWS: Record<string, string> = {
  mine: "Your inbox",
  unassigned: "Unassigned",
  all: "All",
  "high-priority": "High Priority",
  workflows: "Started by workflows",
  inbound: "Inbound",
};

type PageProps = { params: Promise<{ workspaceId: string; view?: string[] }> };

export default async function InboxPage({ params }: PageProps) {
  const { workspaceId, view } = await params;
  await requireWorkspacePage(workspaceId, `/${workspaceId}/inbox${view?.length ? `/${view.join("/")}` : ""}`);
  const viewName = BUILT_IN_VIEWS[view?.[0] ?? "mine"] ?? "Inbox";

  return (
    <>
      <PageHeader title="Inbox" description={viewName} />
      <EmptyState
        icon={Inbox}
        title="No conversations need you right now"
        description={
          <>
            <p>
              Conversations that need a human appear here: replied campaigns and conversations opened immediately by
              workflows, and new messages contacts send you.
            </p>
            <p className="mt-2">Outreach nobody has answered yet stays out of the inbox, so you only see what needs a reply.</p>
          </>
        }
      />
    </>
  );
}
