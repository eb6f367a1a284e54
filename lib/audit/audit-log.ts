import { and, desc, eq, inArray, lt, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { channels, integrations } from "@/lib/db/schema/channels";
import { apiKeys, auditLog } from "@/lib/db/schema/platform";
import { workflows } from "@/lib/db/schema/workflows";
import { teams, users } from "@/lib/db/schema/workspaces";
import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { AUDIT_ACTIONS, type AuditAction } from "./audit-actions";

export const AUDIT_PAGE_SIZE = 50;

/** The log's filters and page, from the query string; anything malformed is ignored, not an error. */
export const auditLogQuerySchema = z.object({
  actor: uuidSchema.optional().catch(undefined),
  action: z.enum(Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]]).optional().catch(undefined),
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export type AuditLogEntry = {
  id: number;
  createdAt: Date;
  action: string;
  actor: { id: string; name: string } | null;
  target: { type: string; id: string | null; name: string | null };
  data: Record<string, unknown>;
};

// The tables whose rows an entry can name, read for their current name (scoped to the workspace).
const NAMED_TARGETS = {
  team: teams,
  workflow: workflows,
  channel: channels,
  api_key: apiKeys,
  integration: integrations,
} as const;

async function currentNames(db: DbOrTx, workspaceId: string, rows: { targetType: string; targetId: string | null }[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const [type, table] of Object.entries(NAMED_TARGETS)) {
    const ids = [...new Set(rows.filter((row) => row.targetType === type && row.targetId && uuidSchema.safeParse(row.targetId).success).map((row) => row.targetId!))];
    if (ids.length === 0) continue;
    const found = await db.select({ id: table.id, name: table.name }).from(table).where(and(eq(table.workspaceId, workspaceId), inArray(table.id, ids)));
    for (const row of found) names.set(`${type}:${row.id}`, row.name);
  }
  return names;
}

/** What the entry was about when it was written (kept in its data, so deleted things stay named). */
function recordedName(targetType: string, data: Record<string, unknown>): string | null {
  // A team entry about one of its members names the member too: the team's own name comes first.
  const keys = targetType === "team" ? ["team", "name", "to"] : ["name", "email"];
  for (const key of keys) {
    const value = data[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return null;
}

/**
 * One page of the workspace's audit log, newest first, optionally of one person or one action.
 * Keyset paging on the entry id (`before`: the last id of the previous page), served by the
 * (workspace, [actor | action,] id) indexes, so a page deep in a long log costs what the first does.
 */
export async function listAuditLog(db: DbOrTx, workspaceId: string, query: AuditLogQuery, pageSize = AUDIT_PAGE_SIZE): Promise<{ entries: AuditLogEntry[]; nextBefore: number | null }> {
  const conditions: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
  if (query.actor) conditions.push(eq(auditLog.actorUserId, query.actor));
  if (query.action) conditions.push(eq(auditLog.action, query.action));
  if (query.before) conditions.push(lt(auditLog.id, query.before));
  const rows = await db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      data: auditLog.data,
      actorId: auditLog.actorUserId,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(pageSize + 1);
  const page = rows.slice(0, pageSize);
  const names = await currentNames(db, workspaceId, page);
  return {
    entries: page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      action: row.action,
      actor: row.actorId && row.actorName !== null ? { id: row.actorId, name: row.actorName } : null,
      target: { type: row.targetType, id: row.targetId, name: names.get(`${row.targetType}:${row.targetId}`) ?? recordedName(row.targetType, row.data) },
      data: row.data,
    })),
    nextBefore: rows.length > pageSize ? page.at(-1)!.id : null,
  };
}
