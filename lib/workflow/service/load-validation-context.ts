import { and, eq, sql } from "drizzle-orm";
import { listAttributeDefinitions } from "@/lib/contacts/attribute-definitions";
import { channels } from "@/lib/db/schema/channels";
import { contacts } from "@/lib/db/schema/contacts";
import { teamRoundRobin } from "@/lib/db/schema/round-robin";
import { memberships, teams, workspaces } from "@/lib/db/schema/workspaces";
import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/service-context";
import type { ValidationContext } from "@/lib/workflow/validation-context";

/** Everything graph validation needs to know about the caller's workspace. */
export async function loadValidationContext(ctx: ServiceContext): Promise<ValidationContext> {
  const workspaceId = ctx.workspace.id;
  const [workspace] = await ctx.tx.select({ plan: workspaces.plan }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) throw notFound("That workspace");
  const members = await ctx.tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
  // Key-share locked until the publish commits: deleting a team (lib/teams) waits for it, then sees
  // the new version; a team deleted first is simply missing here. Neither can slip past the other.
  const teamRows = await ctx.tx.select({ id: teams.id }).from(teams).where(eq(teams.workspaceId, workspaceId)).for("key share");
  const roundRobinRows = await ctx.tx
    .select({ teamId: teamRoundRobin.teamId })
    .from(teamRoundRobin)
    .where(and(eq(teamRoundRobin.workspaceId, workspaceId), eq(teamRoundRobin.enabled, true)));
  const channelRows = await ctx.tx
    .select({ id: channels.id, kind: channels.kind, isDefault: channels.isDefault })
    .from(channels)
    .where(eq(channels.workspaceId, workspaceId));
  const keys = await ctx.tx
    .selectDistinct({ key: sql<string>`jsonb_object_keys(${contacts.attributes})` })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId)));
  return {
    plan: workspace.plan,
    memberUserIds: new Set(members.map((row) => row.userId)),
    teamIds: new Set(teamRows.map((row) => row.id)),
    roundRobinTeamIds: new Set(roundRobinRows.map((row) => row.teamId)),
    channels: new Map(channelRows.map((channel) => [channel.id, { kind: channel.kind, isDefault: channel.isDefault }])),
    // A defined attribute is a known variable before any contact has a value for it.
    customAttributeKeys: [...new Set([...keys.map((row) => row.key), ...(await listAttributeDefinitions(ctx.tx, workspaceId)).map((definition) => definition.key)])],
  };
}
