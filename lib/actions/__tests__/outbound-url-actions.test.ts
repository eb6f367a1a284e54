import { beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { and, eq } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { channels, integrations } = await import("@/lib/db/schema/channels");
const { seedDemoData } = await import("@/lib/db/seed/demo-seed");
const { ACME_CHAT_CHANNEL_ID, ACME_WORKSPACE_ID, DEMO_USERS } = await import("@/lib/db/seed/demo-identities");
const { saveIntegrationAction } = await import("@/lib/actions/integrations");
const { createSmsChannelAction } = await import("@/lib/actions/sms-channels");

// No WEBHOOK_ALLOWED_HOSTS here: every internal address must be refused.
beforeAll(async () => {
  await seedDemoData(getDb());
  signInAs({ id: DEMO_USERS[0].id });
});

const integrationCount = async () => (await getDb().select().from(integrations).where(eq(integrations.workspaceId, ACME_WORKSPACE_ID))).length;
const smsChannelCount = async () =>
  (await getDb().select().from(channels).where(and(eq(channels.workspaceId, ACME_WORKSPACE_ID), eq(channels.kind, "sms")))).length;

describe("URLs Parley will call, as people type them into settings", () => {
  it("answers a webhook URL that cannot be parsed with a field error, not an internal error", async () => {
    const before = await integrationCount();
    for (const webhookUrl of ["not a url", "http://", "http://[fe80::1%25lo]/"]) {
      const result = await saveIntegrationAction({ workspaceId: ACME_WORKSPACE_ID, channelId: ACME_CHAT_CHANNEL_ID, name: "Bot", webhookUrl, events: ["message.created"] });
      expect(result, webhookUrl).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { webhookUrl: [expect.stringMatching(/Enter a full URL/)] } });
    }
    expect(await integrationCount()).toBe(before);
  });

  it("checks a Twilio-compatible base URL where it points when it is saved, as webhook URLs are", async () => {
    const before = await smsChannelCount();
    for (const baseUrl of ["http://127.0.0.1:18080", "http://[::1]:18080", "http://2130706433/", "http://0x7f000001/", "http://[::ffff:0:7f00:1]/", "http://localhost:18080", "http://intranet-sms-gateway"]) {
      const result = await createSmsChannelAction({
        workspaceId: ACME_WORKSPACE_ID,
        name: "Gateway",
        config: { provider: "twilio", fromNumber: "+14155550100", accountSid: "AC123", authToken: "secret-token-1", baseUrl },
      });
      expect(result, baseUrl).toMatchObject({ ok: false, code: "invalid_destination" });
      expect((result as { error: string }).error, baseUrl).toMatch(/base URL can't be used: .*(loopback|cannot be resolved)/);
    }
    expect(await smsChannelCount()).toBe(before);
  });
});
