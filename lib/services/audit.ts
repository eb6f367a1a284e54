import type { AuditAction } from "@/lib/audit/audit-actions";
import { auditLog } from "@/lib/db/schema/platform";
import { actorUserId, type ServiceContext } from "./service-context";

export type AuditEntry = {
  /** "<target type>.<what happened>", e.g. "workflow.published": one of lib/audit/audit-actions.ts, where it gets its readable name. */
  action: AuditAction;
  target: { type: string; id: string };
  data?: Record<string, unknown>;
};

/**
 * THE writer of the audit log, in the service's transaction: the entry exists exactly when the
 * change it records commits. The actor comes from the context; an API key is named in the data.
 */
export async function audit(ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  const byKey = ctx.actor.type === "api_key" ? { apiKeyId: ctx.actor.apiKeyId } : {};
  await ctx.tx.insert(auditLog).values({
    workspaceId: ctx.workspace.id,
    actorUserId: actorUserId(ctx.actor),
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    data: { ...entry.data, ...byKey },
  });
}
