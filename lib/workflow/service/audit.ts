import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";

export async function audit(
  db: DbOrTx,
  entry: { workspaceId: string; actorUserId: string | null; action: string; targetId: string; data?: Record<string, unknown> },
): Promise<void> {
  await db.execute(sql`
    INSERT INTO audit_log (workspace_id, actor_user_id, action, target_type, target_id, data)
    VALUES (${entry.workspaceId}, ${entry.actorUserId}, ${entry.action}, 'workflow', ${entry.targetId}, ${JSON.stringify(entry.data ?? {})}::jsonb)`);
}
