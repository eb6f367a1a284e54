import { inArray, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { smsDeliveries } from "@/lib/db/schema/sms";
import { startConversations } from "@/lib/conversations/start-conversation";
import { claimDue, type OutboxSpec } from "@/lib/outbox/delivery-outbox";
import { runService } from "@/lib/services/run-service";
import { createSmsChannel } from "@/lib/sms/channels";
import { asMember, asSystem } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";
import { outboundMessage } from "@/lib/testing/outbound-message";

await useTestDatabase();

// The shared claim, on the SMS outbox's table (the email outbox's rate is covered by email-rate.test.ts).
const spec: OutboxSpec = {
  table: "sms_deliveries",
  group: { column: "channel_id", table: "channels", where: sql`g.kind = 'sms'` },
  pendingStatuses: ["queued", "sending"],
  claimedStatus: "sending",
  leaseMs: 30_000,
  batchSize: 10,
};

async function queueTexts(count: number, phonePrefix: string): Promise<string> {
  const ws = await createWorkspaceFixture(getDb());
  const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createSmsChannel, {
    name: `SMS ${phonePrefix}`,
    config: { provider: "sandbox", fromNumber: "+14155550100" },
  });
  const contactIds = await createContacts(
    getDb(),
    ws.workspaceId,
    Array.from({ length: count }, (_, i) => ({ firstName: `C${i}`, phone: `${phonePrefix}${String(i).padStart(3, "0")}` })),
  );
  await runService(await asSystem(ws.workspaceId), startConversations, {
    conversations: contactIds.map((contactId) => outboundMessage(channelId, contactId)),
  });
  return channelId;
}

const channelOf = async (ids: number[]) =>
  (await getDb().select({ channelId: smsDeliveries.channelId }).from(smsDeliveries).where(inArray(smsDeliveries.id, ids))).map((row) => row.channelId);

beforeEach(async () => {
  await getDb().delete(smsDeliveries);
});

describe("the shared delivery outbox", () => {
  it("claims round robin across channels: a campaign queued first does not hold back another channel's text", async () => {
    const campaign = await queueTexts(25, "+1415555");
    const other = await queueTexts(1, "+1415666");
    const claimed = await claimDue(getDb(), spec);
    expect(claimed).toHaveLength(10);
    const channels = await channelOf(claimed.map((row) => row.id));
    expect(channels.filter((id) => id === other)).toHaveLength(1);
    expect(channels.filter((id) => id === campaign)).toHaveLength(9);
  });

  it("never hands one row to two concurrent claims, and a claimed row waits for its lease", async () => {
    const channelId = await queueTexts(30, "+1415777");
    const claims = await Promise.all(Array.from({ length: 4 }, () => claimDue(getDb(), spec)));
    const ids = claims.flat().map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(claims.flat().every((row) => row.attempts === 1)).toBe(true);
    const attempts = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM sms_deliveries WHERE channel_id = ${channelId} AND attempts > 1`);
    expect(attempts.rows[0]!.n).toBe(0);
    // Leased rows are not due again until the lease ends: the next claims take only what is left.
    const rest = [...(await claimDue(getDb(), spec)), ...(await claimDue(getDb(), spec)), ...(await claimDue(getDb(), spec))];
    expect(new Set([...ids, ...rest.map((row) => row.id)]).size).toBe(30);
    expect(await claimDue(getDb(), spec)).toEqual([]);
  });
});
