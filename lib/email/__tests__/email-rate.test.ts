import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { emailDeliveries } from "@/lib/db/schema/email";
import { startConversations } from "@/lib/conversations/start-conversation";
import { createEmailChannel } from "@/lib/email/email-channels";
import { drainEmailOutbox } from "@/lib/email/email-outbox";
import { runService } from "@/lib/services/run-service";
import { asMember, asSystem } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture, waitFor } from "@/lib/workflow/testing/workspace-fixture";
import { outboundMessage } from "@/lib/testing/outbound-message";

await useTestDatabase();

describe("the email outbox", () => {
  it("never claims more than the rate in any second, and ends the job with a wakeup instead of waiting", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
      name: "Slow email",
      fromAddress: "hello@acme.example",
      fromNamePattern: "",
      replyDomain: "slow.acme.example",
      ratePerSecond: 2,
      transport: { kind: "sandbox" },
    });
    const contactIds = await createContacts(getDb(), ws.workspaceId, Array.from({ length: 5 }, (_, i) => ({ firstName: `C${i}`, email: `c${i}@example.com` })));
    await runService(await asSystem(ws.workspaceId), startConversations, {
      conversations: contactIds.map((contactId) => outboundMessage(channelId, contactId)),
    });

    const wakeups: Date[] = [];
    const scheduleWakeup = async (_db: unknown, at: Date) => void wakeups.push(at);
    const before = Date.now();
    const drained = await drainEmailOutbox({ scheduleWakeup });
    // A drain claims what the rate allows and returns (it never sleeps); what is left is handed to
    // a job scheduled for later.
    expect(drained).toBeGreaterThanOrEqual(2);
    if (drained < 5) expect(wakeups.at(-1)!.getTime()).toBeGreaterThan(before);
    const after = Date.now();
    if (drained === 2) {
      // The wakeup is when the channel may send again: its oldest claim of that second plus a
      // second (or a moment after the drain, had the drain outlasted that), not a second after the
      // drain ended, which would leave the channel idle for as long as its sends took.
      const [oldest] = (await getDb().execute<{ at: string }>(sql`SELECT min(claimed_at) AS at FROM email_deliveries WHERE channel_id = ${channelId}`)).rows;
      const freed = new Date(oldest!.at).getTime() + 1_000;
      expect(wakeups.at(-1)!.getTime()).toBeGreaterThanOrEqual(freed - 1);
      expect(wakeups.at(-1)!.getTime()).toBeLessThanOrEqual(Math.max(freed, after + 100) + 1);
    }
    // Drains as the scheduled jobs would, until all are sent (bounded: a drain that never sends them fails the test).
    await waitFor(
      async () => {
        await drainEmailOutbox({ scheduleWakeup });
        return (await getDb().select().from(emailDeliveries).where(eq(emailDeliveries.channelId, channelId))).every((row) => row.status === "sent");
      },
      { what: "all five emails sent", timeoutMs: 30_000 },
    );
    // However the drains fell in time: no second ever saw more than two claims on this channel.
    const claims = await getDb().execute<{ over: number }>(sql`
      SELECT count(*)::int AS over FROM email_deliveries a
      WHERE a.channel_id = ${channelId}
        AND (SELECT count(*) FROM email_deliveries b WHERE b.channel_id = a.channel_id AND b.claimed_at >= a.claimed_at AND b.claimed_at < a.claimed_at + interval '1 second') > 2`);
    expect(claims.rows[0]!.over).toBe(0);
  });

  it("at least once, never twice into the sandbox: a lease that ran out is sent again, and the sandbox keeps one email per message", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
      name: "Crashy email",
      fromAddress: "hello@acme.example",
      fromNamePattern: "",
      replyDomain: "crashy.acme.example",
      ratePerSecond: 10,
      transport: { kind: "sandbox" },
    });
    const [contactId] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada", email: "ada@example.com" }]);
    const input = outboundMessage(channelId, contactId!);
    await runService(await asSystem(ws.workspaceId), startConversations, { conversations: [input] });
    await drainEmailOutbox({});
    // A worker that died after the SMTP accept and before its commit: the row is still "sending"
    // and its lease has run out, so the next drain sends it again.
    await getDb().execute(sql`UPDATE email_deliveries SET status = 'sending', next_attempt_at = now() - interval '1 second' WHERE channel_id = ${channelId}`);
    expect(await drainEmailOutbox({})).toBe(1);
    const stored = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM email_sandbox_messages WHERE channel_id = ${channelId}`);
    expect(stored.rows[0]!.n).toBe(1);
    const [delivery] = await getDb().select().from(emailDeliveries).where(eq(emailDeliveries.channelId, channelId));
    expect(delivery).toMatchObject({ status: "sent", attempts: 2, toAddress: "ada@example.com" });
    // Nothing left: a drain now sends nothing.
    expect(await drainEmailOutbox({})).toBe(0);
  });

  it("one workspace's big campaign does not hold back another workspace's email: each channel's budget applies before the batch is cut", async () => {
    const channelIn = async (name: string, ratePerSecond: number) => {
      const ws = await createWorkspaceFixture(getDb());
      const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
        name,
        fromAddress: "hello@acme.example",
        fromNamePattern: "",
        replyDomain: `${name.toLowerCase()}.acme.example`,
        ratePerSecond,
        transport: { kind: "sandbox" },
      });
      return { ws, channelId };
    };
    // A campaign of more emails than a claim ever looked at, queued first, sent at one a second.
    const campaign = await channelIn("Campaign", 1);
    const many = await createContacts(getDb(), campaign.ws.workspaceId, Array.from({ length: 1_100 }, (_, i) => ({ firstName: `M${i}`, email: `m${i}@example.com` })));
    await runService(await asSystem(campaign.ws.workspaceId), startConversations, { conversations: many.map((contactId) => outboundMessage(campaign.channelId, contactId)) });
    // Another workspace's one email, queued after all of them.
    const other = await channelIn("Other", 10);
    const [lin] = await createContacts(getDb(), other.ws.workspaceId, [{ firstName: "Lin", email: "lin@example.com" }]);
    await runService(await asSystem(other.ws.workspaceId), startConversations, { conversations: [outboundMessage(other.channelId, lin!)] });

    // One drain: the campaign's budget is spent at once, and the other channel's email goes in the same drain.
    await drainEmailOutbox({});
    const [otherDelivery] = await getDb().select().from(emailDeliveries).where(eq(emailDeliveries.channelId, other.channelId));
    expect(otherDelivery).toMatchObject({ status: "sent", toAddress: "lin@example.com" });
    const campaignSent = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM email_deliveries WHERE channel_id = ${campaign.channelId} AND status = 'sent'`);
    expect(campaignSent.rows[0]!.n).toBeLessThan(1_100);
    await getDb().execute(sql`DELETE FROM email_deliveries WHERE channel_id = ${campaign.channelId}`);
  });
});
