import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { notFound } from "../../errors";
import type { ValidationContext } from "../validation-context";

/** Everything graph validation needs to know about a workspace, in one query. */
export async function loadValidationContext(db: DbOrTx, workspaceId: string): Promise<ValidationContext> {
  const rows = await db.execute<{
    plan: "free" | "enterprise";
    members: string[];
    teams: string[];
    channels: { id: string; kind: "chat" | "sms"; isDefault: boolean }[];
    keys: string[];
  }>(sql`
    SELECT w.plan,
      ARRAY(SELECT user_id::text FROM memberships WHERE workspace_id = w.id) AS members,
      ARRAY(SELECT id::text FROM teams WHERE workspace_id = w.id) AS teams,
      coalesce((SELECT json_agg(json_build_object('id', id, 'kind', kind, 'isDefault', is_default)) FROM channels WHERE workspace_id = w.id), '[]') AS channels,
      ARRAY(SELECT DISTINCT jsonb_object_keys(attributes) FROM contacts WHERE workspace_id = w.id) AS keys
    FROM workspaces w WHERE w.id = ${workspaceId}`);
  const row = rows.rows[0];
  if (!row) throw notFound("That workspace");
  return {
    plan: row.plan,
    memberUserIds: new Set(row.members),
    teamIds: new Set(row.teams),
    channels: new Map(row.channels.map((channel) => [channel.id, { kind: channel.kind, isDefault: channel.isDefault }])),
    customAttributeKeys: row.keys,
  };
}
