import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { workspaceOutreachSettings } from "@/lib/db/schema/outreach";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import { FALLBACK_TIME_ZONE } from "@/lib/time/time-zone";
import type { UpdateOutreachSettingsInput } from "./outreach-settings.validation";

export type FrequencyCap = { messages: number; days: number };
export type OutreachSettings = { timeZone: string; frequencyCap: FrequencyCap | null };

/** A workspace's outreach settings; a workspace that never saved them has UTC and no cap. */
export async function loadOutreachSettings(db: DbOrTx, workspaceId: string): Promise<OutreachSettings> {
  const [row] = await db.select().from(workspaceOutreachSettings).where(eq(workspaceOutreachSettings.workspaceId, workspaceId));
  if (!row) return { timeZone: FALLBACK_TIME_ZONE, frequencyCap: null };
  const cap = row.frequencyCapMessages !== null && row.frequencyCapDays !== null ? { messages: row.frequencyCapMessages, days: row.frequencyCapDays } : null;
  return { timeZone: row.timeZone, frequencyCap: cap };
}

/** Settings › Outreach. Admins and owners (the action's minimum role). */
export async function updateOutreachSettings(ctx: ServiceContext, input: UpdateOutreachSettingsInput): Promise<OutreachSettings> {
  const before = await loadOutreachSettings(ctx.tx, ctx.workspace.id);
  const values = {
    timeZone: input.timeZone,
    frequencyCapMessages: input.frequencyCap?.messages ?? null,
    frequencyCapDays: input.frequencyCap?.days ?? null,
    updatedAt: new Date(),
  };
  await ctx.tx
    .insert(workspaceOutreachSettings)
    .values({ workspaceId: ctx.workspace.id, ...values })
    .onConflictDoUpdate({ target: workspaceOutreachSettings.workspaceId, set: values });
  const after: OutreachSettings = { timeZone: input.timeZone, frequencyCap: input.frequencyCap };
  await audit(ctx, { action: "workspace.outreach_changed", target: { type: "workspace", id: ctx.workspace.id }, data: { from: before, to: after } });
  return after;
}
