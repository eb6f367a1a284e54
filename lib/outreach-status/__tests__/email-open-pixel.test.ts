import { deliveryStatusNotification } from "@/lib/testing/delivery-status-notification";
import { describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
const { url } = await useTestDatabase();

const { sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { provideEnv, readEnv } = await import("@/lib/env");
const { runService } = await import("@/lib/services/run-service");
const { asMember } = await import("@/lib/testing/service-scope");
const { createEmailChannel } = await import("@/lib/email/email-channels");
const { drainEmailOutbox } = await import("@/lib/email/email-outbox");
const { setEmailOpenTracking, openPixelToken } = await import("@/lib/outreach-status/email-open-tracking");
const pixelRoute = await import("@/app/api/email/open/[token]/route");
const { useWorkspaceWithWorker } = await import("@/lib/workflow/testing/workspace-with-worker");
const { asSystem } = await import("@/lib/testing/service-scope");
const { receiveInboundEmail } = await import("@/lib/email/inbound-email");
const { bounceAddress } = await import("@/lib/email/bounce-address");
const { advanceFirstMessages } = await import("@/lib/outreach-status/first-message-status");
const { runManual } = await import("@/lib/workflow/service/run-manual");
const { edge, message, node } = await import("@/lib/workflow/testing/graph-fixtures");
const { publishGraph, runById } = await import("@/lib/workflow/testing/scenario");
const { createContacts, waitFor } = await import("@/lib/workflow/testing/workspace-fixture");

if (!readEnv().NEXTAUTH_URL) provideEnv({ NEXTAUTH_URL: "https://parley.example" });
const { ws } = await useWorkspaceWithWorker(url);
const admin = () => asMember(ws.workspaceId, ws.builderId);
const channelId = (
  await runService(await admin(), createEmailChannel, {
    name: "Sandbox email",
    fromAddress: "support@acme.example",
    fromNamePattern: "",
    replyDomain: "reply-pixel.acme.example",
    ratePerSecond: 50,
    transport: { kind: "sandbox" },
  })
).channelId;

/** Sends a workflow's first email to a new contact through the sandbox; its conversation and the stored mail's HTML. */
async function sendEmail(firstName: string) {
  const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName, email: `${firstName.toLowerCase()}@example.com` }]);
  const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, {
    nodes: [node("t", "manual"), node("s", "start_conversation", { message: message("Hello"), senderUserId: ws.agentId, channelId, subject: "Hi" })],
    edges: [edge("t", "s")],
  });
  const { runIds } = await runService(await admin(), runManual, { test: false, workflowId, contactIds: [contact!] });
  const run = await waitFor(async () => {
    const found = await runById(runIds[0]!);
    return found.status !== "running" && found;
  });
  const conversationId = run.context.conversationId!;
  await drainEmailOutbox();
  const html = await waitFor(async () => {
    const rows = await getDb().execute<{ html: string }>(sql`
      SELECT s.html FROM email_sandbox_messages s JOIN email_messages m ON m.rfc_message_id = s.rfc_message_id AND m.channel_id = s.channel_id
      WHERE m.conversation_id = ${conversationId}`);
    return rows.rows[0]?.html;
  });
  return { conversationId, html };
}

const statusOf = async (conversationId: string) =>
  (await getDb().execute<{ status: string }>(sql`SELECT outreach_status AS status FROM conversations WHERE id = ${conversationId}`)).rows[0]!.status;

const load = async (token: string) => {
  const response = await pixelRoute.GET(new Request(`https://parley.example/api/email/open/${token}`), { params: Promise.resolve({ token }) });
  return { status: response.status, type: response.headers.get("content-type"), cache: response.headers.get("cache-control"), body: Buffer.from(await response.arrayBuffer()).toString("base64") };
};

describe("the email open pixel", () => {
  it("is off by default: the email has no pixel, is delivered when accepted, and a pixel address marks nothing", async () => {
    const { conversationId, html } = await sendEmail("Olive");
    expect(html).not.toContain("/api/email/open/");
    expect(await statusOf(conversationId)).toBe("delivered");
    await load(openPixelToken(conversationId));
    expect(await statusOf(conversationId)).toBe("delivered");
  });

  it("once turned on, the first email carries a signed pixel whose load marks it seen; any other token gets the same image and changes nothing", async () => {
    await runService(await admin(), setEmailOpenTracking, { enabled: true });
    const { conversationId, html } = await sendEmail("Pia");
    const token = openPixelToken(conversationId);
    expect(html).toContain(`https://parley.example/api/email/open/${token}`);

    const forged = await load(`${token.slice(0, 32)}${"0".repeat(32)}`);
    const garbage = await load("not-a-token");
    expect(await statusOf(conversationId)).toBe("delivered");
    const real = await load(token);
    expect(await statusOf(conversationId)).toBe("seen");
    // Identical answers whether the token is real, forged or nonsense.
    expect(forged).toEqual(real);
    expect(garbage).toEqual(real);
    expect(real).toMatchObject({ status: 200, type: "image/gif", cache: "private, no-store" });

    // Turned off again: a later load records nothing more (the status stays where it was).
    await runService(await admin(), setEmailOpenTracking, { enabled: false });
    const { conversationId: later } = await sendEmail("Quin");
    await load(openPixelToken(later));
    expect(await statusOf(later)).toBe("delivered");
  });
});

describe("a bounce after the email was accepted", () => {
  const deliveryOf = async (conversationId: string) =>
    (await getDb().execute<{ id: string; to_address: string }>(sql`SELECT id, to_address FROM email_deliveries WHERE conversation_id = ${conversationId}`)).rows[0]!;
  /** A delivery status notification (RFC 3464) for one delivery, at its signed bounce address. */
  const bounce = async (conversationId: string) => {
    const delivery = await deliveryOf(conversationId);
    const to = bounceAddress("reply-pixel.acme.example", Number(delivery.id));
    const raw = deliveryStatusNotification(to, [delivery.to_address]);
    return runService(await asSystem(ws.workspaceId), receiveInboundEmail, { channelId, raw, envelopeTo: [to] });
  };
  const reasonOf = async (conversationId: string) =>
    (await getDb().execute<{ reason: string | null }>(sql`SELECT outreach_reason AS reason FROM conversations WHERE id = ${conversationId}`)).rows[0]!.reason;

  it("moves the first message from delivered to failed with the bounce's reason; a late 'delivered' does not move it back", async () => {
    const { conversationId } = await sendEmail("Rhea");
    expect(await statusOf(conversationId)).toBe("delivered");
    expect(await bounce(conversationId)).toMatchObject({ kind: "bounce" });
    expect(await statusOf(conversationId)).toBe("failed");
    expect(await reasonOf(conversationId)).toBe("Bounced: Delivery failed permanently (DSN).");
    await advanceFirstMessages(getDb(), ws.workspaceId, { conversationIds: [conversationId] }, { status: "delivered" });
    expect(await statusOf(conversationId)).toBe("failed");
  });

  it("leaves a first message the contact replied to as replied (only delivered steps back)", async () => {
    const { conversationId } = await sendEmail("Saul");
    await advanceFirstMessages(getDb(), ws.workspaceId, { conversationIds: [conversationId] }, { status: "replied" });
    await bounce(conversationId);
    expect(await statusOf(conversationId)).toBe("replied");
    expect(await reasonOf(conversationId)).toBeNull();
  });
});
