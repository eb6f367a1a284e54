import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { WorkflowEditor } from "@/components/workflow-editor/workflow-editor";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { loadWorkflowEditor } from "@/app/(app)/[workspaceId]/workflows/_data/load-workflow-editor";

type PageProps = { params: Promise<{ workspaceId: string; workflowId: string }> };

const load = cache(async (workspaceId: string, workflowId: string) => {
  const { user, role, workspace } = await requireWorkspacePage(workspaceId, `/${workspaceId}/workflows/${workflowId}`);
  const data = await loadWorkflowEditor({ workspace, role }, workflowId, user.id);
  if (!data) notFound();
  return { ...data, readOnly: !BUILDER_ROLES.includes(role) };
});

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { workspaceId, workflowId } = await params;
  const { workflow } = await load(workspaceId, workflowId);
  return { title: `${workflow.name} · Workflows` };
}

export default async function WorkflowEditorPage({ params }: PageProps) {
  const { workspaceId, workflowId } = await params;
  const { workflow, workspace, readOnly } = await load(workspaceId, workflowId);
  // Keyed by revision: after a reload for a conflict, the editor starts from the fresh draft.
  return <WorkflowEditor key={`${workflow.id}:${workflow.revision}`} workflow={workflow} workspace={workspace} readOnly={readOnly} />;
}
