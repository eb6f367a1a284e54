import { Workflow } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspacePage(workspaceId, `/${workspaceId}/workflows`);

  return (
    <>
      <PageHeader title="Workflows" description="Automations that reach out to contacts and route conversations." />
      <EmptyState
        icon={Workflow}
        title="No workflows yet"
        description={
          <p>
            Workflows you build appear here. Start from a trigger such as Audience Matched or Session Started, reach out
            with Start a Conversation, branch on whether the contact replied, and assign the conversation to a team.
            Each workflow shows its status and how many contacts entered, were messaged and replied.
          </p>
        }
      />
    </>
  );
}
