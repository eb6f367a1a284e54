import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { EditorWorkflow } from "@/components/workflow-editor/workflow-editor";
import type { EditorWorkspace } from "@/components/workflow-editor/editor-context";
import type { WorkspaceAccess } from "@/lib/auth/membership";
import { listAttributeDefinitions } from "@/lib/contacts/attribute-definitions";
import { listWorkspaceTags } from "@/lib/contacts/workspace-tags";
import { getDb } from "@/lib/db/client";
import { getWorkflow } from "@/lib/db/queries/workflows";
import { channels } from "@/lib/db/schema/channels";
import { contacts } from "@/lib/db/schema/contacts";
import { listTeams } from "@/lib/db/queries/workspace-directory";
import { memberships, users } from "@/lib/db/schema/workspaces";
import { SafeError } from "@/lib/errors";
import { uuidSchema } from "@/lib/validation/uuid";
import { storedGoal } from "@/lib/workflow/goal/goal";
import { emptyGraph, type WorkflowGraphInput } from "@/lib/workflow/graph-schema";

/** The workflow and the workspace facts the editor needs, or null when it isn't in this workspace. */
export async function loadWorkflowEditor(
  access: WorkspaceAccess,
  workflowId: string,
  currentUserId: string,
): Promise<{ workflow: EditorWorkflow; workspace: EditorWorkspace } | null> {
  if (!uuidSchema.safeParse(workflowId).success) return null;
  const db = getDb();
  const workspaceId = access.workspace.id;
  const found = await getWorkflow(db, workspaceId, workflowId).catch((error: unknown) => {
    if (error instanceof SafeError && error.code === "not_found") return null;
    throw error;
  });
  if (!found) return null;
  const [members, teamRows, channelRows, keys, definitions, workspaceTags] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, avatarUrl: users.avatarUrl })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(users.name)),
    listTeams(workspaceId),
    db
      .select({ id: channels.id, name: channels.name, kind: channels.kind, isDefault: channels.isDefault })
      .from(channels)
      .where(eq(channels.workspaceId, workspaceId))
      .orderBy(desc(channels.isDefault), asc(channels.name)),
    // The custom attributes contacts have, offered as {{variables}}: a set-returning function
    // drizzle has no builder for, so this one column is written out.
    db
      .selectDistinct({ key: sql<string>`jsonb_object_keys(${contacts.attributes})`.as("key") })
      .from(contacts)
      .where(eq(contacts.workspaceId, workspaceId))
      .orderBy(sql`1`),
    listAttributeDefinitions(db, workspaceId),
    listWorkspaceTags(db, workspaceId),
  ]);
  const draft = found.draftGraph;
  const graph = (typeof draft === "object" && draft !== null && Array.isArray((draft as WorkflowGraphInput).nodes) ? draft : emptyGraph()) as WorkflowGraphInput;
  return {
    workflow: {
      id: found.id,
      name: found.name,
      status: found.status,
      revision: found.draftRevision,
      graph,
      lastPublishedAt: found.lastPublishedAt?.toISOString() ?? null,
      hasLiveVersion: found.liveVersionId !== null,
      allowReentry: found.allowReentry,
      goal: storedGoal(found.goal),
    },
    workspace: {
      workspaceId,
      workflowId: found.id,
      plan: access.workspace.plan,
      currentUserId,
      members,
      teams: teamRows,
      channels: channelRows,
      // Defined attributes are variables too, before any contact has a value for them.
      customAttributeKeys: [...new Set([...keys.map((row) => row.key), ...definitions.map((definition) => definition.key)])].sort(),
      attributeDefinitions: definitions.map(({ key, label, type, options }) => ({ key, label, type, options })),
      tags: workspaceTags,
    },
  };
}
