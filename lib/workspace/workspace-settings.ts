import { eq } from "drizzle-orm";
import { workspaces } from "@/lib/db/schema/workspaces";
import { notFound } from "@/lib/errors";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import type { RenameWorkspaceInput, SetPlanInput } from "./workspace-settings.validation";

// Workspace-wide settings. Who may change them (admins; the plan only the owner) is the caller's
// check: the server action's minimum role.

export async function renameWorkspace(ctx: ServiceContext, input: RenameWorkspaceInput): Promise<{ name: string }> {
  const [before] = await ctx.tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ctx.workspace.id)).for("update");
  if (!before) throw notFound("That workspace");
  await ctx.tx.update(workspaces).set({ name: input.name }).where(eq(workspaces.id, ctx.workspace.id));
  await audit(ctx, { action: "workspace.renamed", target: { type: "workspace", id: ctx.workspace.id }, data: { from: before.name, to: input.name } });
  return { name: input.name };
}

/**
 * There is no billing: the owner switches the plan. Downgrading keeps integrations and their
 * data but the Enterprise gate refuses changes and third-party options until upgraded again.
 */
export async function setPlan(ctx: ServiceContext, input: SetPlanInput): Promise<{ plan: SetPlanInput["plan"] }> {
  await ctx.tx.update(workspaces).set({ plan: input.plan }).where(eq(workspaces.id, ctx.workspace.id));
  await audit(ctx, { action: "workspace.plan_changed", target: { type: "workspace", id: ctx.workspace.id }, data: { from: ctx.workspace.plan, to: input.plan } });
  return { plan: input.plan };
}
