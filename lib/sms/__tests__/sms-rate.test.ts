import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { smsDeliveries } from "@/lib/db/schema/sms";
import { startConversations } from "@/lib/conversations/start-conversation";
import { runService } from "@/lib/services/run-service";
import { createSmsChannel, updateSmsChannel } from "@/lib/sms/channels";
import { readSmsConfig } from "@/lib/sms/channel-config";
import { drainSmsOutbox } from "@/lib/sms/sms-outbox";
import { asMember, asSystem } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture, waitFor } from "@/lib/workflow/testing/workspace-fixture";
import { outboundMessage } from "@/lib/testing/outbound-message";

await useTestDatabase();

describe("an SMS channel's send rate", () => {
  it("is a setting of the channel, checked like the email channel's, and kept on edit", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const scope = await asMember(ws.workspaceId, ws.builderId);
    await expect(runService(scope, createSmsChannel, { name: "Too fast", config: { provider: "sandbox", fromNumber: "+14155550100", ratePerSecond: 0 } })).rejects.toThrow(
      "At least one text per second.",
    );
    const { channelId } = await runService(scope, createSmsChannel, { name: "Texts", config: { provider: "sandbox", fromNumber: "+14155550100" } });
    const stored = async () => readSmsConfig((await getDb().execute<{ config: unknown }>(sql`SELECT config FROM channels WHERE id = ${channelId}`)).rows[0]!.config);
    // Left out: the default rate.
    expect((await stored())?.ratePerSecond).toBe(10);
    await runService(scope, updateSmsChannel, { channelId, name: "Texts", config: { provider: "sandbox", fromNumber: "+14155550100", ratePerSecond: 3 } });
    expect((await stored())?.ratePerSecond).toBe(3);
  });

  it("never claims more than the rate in any second, and ends the job with a wakeup instead of waiting", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createSmsChannel, {
      name: "Slow texts",
      config: { provider: "sandbox", fromNumber: "+14155550101", ratePerSecond: 2 },
    });
    const contactIds = await createContacts(getDb(), ws.workspaceId, Array.from({ length: 5 }, (_, i) => ({ firstName: `C${i}`, phone: `+1415555020${i}` })));
    await runService(await asSystem(ws.workspaceId), startConversations, { conversations: contactIds.map((contactId) => outboundMessage(channelId, contactId)) });

    const wakeups: Date[] = [];
    const scheduleWakeup = async (_db: unknown, at: Date) => void wakeups.push(at);
    const before = Date.now();
    const drained = await drainSmsOutbox({ scheduleWakeup });
    // A drain sends what the rate allows and returns (it never sleeps); the rest is handed to a
    // job scheduled for later.
    expect(drained).toBeGreaterThanOrEqual(2);
    if (drained < 5) expect(wakeups.at(-1)!.getTime()).toBeGreaterThan(before);
    // Drains as the scheduled jobs would, until all are sent (bounded: a drain that never sends them fails the test).
    await waitFor(
      async () => {
        await drainSmsOutbox({ scheduleWakeup });
        return (await getDb().select().from(smsDeliveries).where(eq(smsDeliveries.channelId, channelId))).every((row) => row.status === "delivered");
      },
      { what: "all five texts sent", timeoutMs: 30_000 },
    );
    // However the drains fell in time: no second ever saw more than two claims on this channel.
    const claims = await getDb().execute<{ over: number }>(sql`
      SELECT count(*)::int AS over FROM sms_deliveries a
      WHERE a.channel_id = ${channelId}
        AND (SELECT count(*) FROM sms_deliveries b WHERE b.channel_id = a.channel_id AND b.claimed_at >= a.claimed_at AND b.claimed_at < a.claimed_at + interval '1 second') > 2`);
    expect(claims.rows[0]!.over).toBe(0);
  });
});
