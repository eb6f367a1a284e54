import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { webhookDeliveries } from "@/lib/db/schema/platform";
import { startConversations } from "@/lib/conversations/start-conversation";
import { createEmailChannel } from "@/lib/email/email-channels";
import { runService } from "@/lib/services/run-service";
import { asMember, asSystem } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { saveIntegration } from "@/lib/webhooks/integrations";
import { createContacts, createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";
import { outboundMessage } from "@/lib/testing/outbound-message";

await useTestDatabase();

describe("an email channel's integration", () => {
  it("is saved like any channel's, and a third-party email conversation's events go to its webhook outbox", async () => {
    // The receiver is on loopback, which the outbound address policy allows only when told to.
    process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
    const ws = await createWorkspaceFixture(getDb(), { plan: "enterprise" });
    const admin = await asMember(ws.workspaceId, ws.builderId);
    const { channelId } = await runService(admin, createEmailChannel, {
      name: "Support email",
      fromAddress: "hello@acme.example",
      fromNamePattern: "",
      replyDomain: "integrated.acme.example",
      ratePerSecond: 10,
      transport: { kind: "sandbox" },
    });
    const { integrationId } = await runService(admin, saveIntegration, {
      channelId,
      name: "Helpdesk",
      webhookUrl: "http://127.0.0.1:9/parley",
      events: ["conversation.created", "message.created"],
      enabled: true,
    });
    const [contactId] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Nora", email: "nora@example.com" }]);
    await runService(await asSystem(ws.workspaceId), startConversations, {
      conversations: [
        outboundMessage(channelId, contactId!, { thirdParty: true }),
      ],
    });
    const events = await getDb().select({ event: webhookDeliveries.event }).from(webhookDeliveries).where(eq(webhookDeliveries.integrationId, integrationId));
    expect(events.map((row) => row.event).sort()).toEqual(["conversation.created", "message.created"]);
    delete process.env.WEBHOOK_ALLOWED_HOSTS;
  });
});
