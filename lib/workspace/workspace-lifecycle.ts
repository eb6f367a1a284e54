import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { memberships, workspaces } from "@/lib/db/schema/workspaces";
import { notFound, SafeError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/enqueue";
import { assertWithinLimit } from "@/lib/limits/attempt-limit";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import { workspaceIsLive } from "./live-workspace";
import { workspaceDeleteJob } from "./workspace-delete-job";
import type { CreateWorkspaceInput, DeleteWorkspaceInput } from "./workspace-lifecycle.validation";

/** Workspaces one person may create an hour: plenty for a team, a wall for a script. */
export const WORKSPACE_CREATIONS_PER_HOUR = 20;

/**
 * A new workspace owned by `ownerId`, in the caller's transaction (the switcher's "Create
 * workspace", the first-run setup). No workspace exists before this to scope a ServiceContext
 * to, so this is where the context starts: the creation is audited in the new workspace.
 */
export async function createWorkspace(tx: Tx, ownerId: string, input: CreateWorkspaceInput): Promise<{ id: string; name: string }> {
  await assertWithinLimit(tx, { bucket: "workspace.create", key: ownerId, max: WORKSPACE_CREATIONS_PER_HOUR, windowSeconds: 3600 }, "new workspaces");
  const [workspace] = await tx.insert(workspaces).values({ name: input.name }).returning({ id: workspaces.id, name: workspaces.name, plan: workspaces.plan });
  const { id, name, plan } = workspace!;
  await tx.insert(memberships).values({ workspaceId: id, userId: ownerId, role: "owner" });
  const ctx: ServiceContext = { tx, workspace: { id, plan }, actor: { type: "user", userId: ownerId, role: "owner" } };
  await audit(ctx, { action: "workspace.created", target: { type: "workspace", id }, data: { name } });
  return { id, name };
}

/**
 * The owner deletes the workspace: from this transaction's commit on, nothing of it is readable
 * (lib/workspace/live-workspace.ts), and the workspace-delete job, queued in the same transaction,
 * removes everything in it. Typing the name guards against deleting the wrong one.
 */
export async function deleteWorkspace(ctx: ServiceContext, input: DeleteWorkspaceInput): Promise<{ id: string }> {
  const [workspace] = await ctx.tx
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(and(eq(workspaces.id, ctx.workspace.id), workspaceIsLive()))
    .for("update");
  if (!workspace) throw notFound("That workspace");
  if (input.confirmName.trim() !== workspace.name) {
    throw new SafeError("invalid_input", `Type the workspace's name, “${workspace.name}”, exactly as shown to delete it.`, { path: "confirmName" });
  }
  await ctx.tx.update(workspaces).set({ deletionStartedAt: sql`now()` }).where(eq(workspaces.id, ctx.workspace.id));
  await audit(ctx, { action: "workspace.deleted", target: { type: "workspace", id: ctx.workspace.id }, data: { name: workspace.name } });
  await enqueue(ctx.tx, workspaceDeleteJob, { workspaceId: ctx.workspace.id }, { jobKey: `${workspaceDeleteJob.name}:${ctx.workspace.id}` });
  return { id: ctx.workspace.id };
}
