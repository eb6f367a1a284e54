import { Workflow } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getDb } from "@/lib/db/client";
import { listWorkflows } from "@/lib/db/queries/workflows";
import { NewWorkflowButton } from "./_components/new-workflow-button";
import { WorkflowTable } from "./_components/workflow-table";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/workflows`);
  const canEdit = BUILDER_ROLES.includes(role);
  const workflows = await listWorkflows(getDb(), workspaceId);

  return (
    <>
      <PageHeader
        title="Workflows"
        description="Automations that reach out to contacts and route conversations."
        actions={canEdit ? <NewWorkflowButton workspaceId={workspaceId} /> : null}
      />
      {workflows.length === 0 ? (
        <EmptyState
          icon={Workflow}
          title="No workflows yet"
          description={
            <p>
              Start from a trigger such as Audience Matched or Session Started, reach out with Start a Conversation, branch on whether
              the contact replied, and assign the conversation to a team.
            </p>
          }
          action={canEdit ? <NewWorkflowButton workspaceId={workspaceId} /> : null}
        />
      ) : (
        <WorkflowTable workspaceId={workspaceId} workflows={workflows} canEdit={canEdit} />
      )}
    </>
  );
}
