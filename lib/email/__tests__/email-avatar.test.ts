import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { emailSandboxMessages } from "@/lib/db/schema/email";
import { users } from "@/lib/db/schema/workspaces";
import { startConversations } from "@/lib/conversations/start-conversation";
import { createEmailChannel } from "@/lib/email/email-channels";
import { drainEmailOutbox } from "@/lib/email/email-outbox";
import { provideEnv } from "@/lib/env";
import { runService } from "@/lib/services/run-service";
import { asMember, asSystem } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";
import { outboundMessage } from "@/lib/testing/outbound-message";

await useTestDatabase();

const before = process.env.NEXTAUTH_URL;
afterAll(() => {
  if (before === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = before;
});

async function sentBy(avatarUrl: string | null): Promise<string> {
  const ws = await createWorkspaceFixture(getDb());
  await getDb().update(users).set({ avatarUrl, name: "Bea Builder" }).where(eq(users.id, ws.builderId));
  const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
    name: "Email",
    fromAddress: "hello@acme.example",
    fromNamePattern: "",
    replyDomain: `r${randomUUID().slice(0, 8)}.acme.example`,
    ratePerSecond: 10,
    transport: { kind: "sandbox" },
  });
  const [contactId] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada", email: "ada@example.com" }]);
  await runService(await asSystem(ws.workspaceId), startConversations, {
    conversations: [
      outboundMessage(channelId, contactId!, { sender: { userId: ws.builderId, name: "Bea Builder" } }),
    ],
  });
  await drainEmailOutbox({});
  const [sent] = await getDb().select({ html: emailSandboxMessages.html }).from(emailSandboxMessages).where(eq(emailSandboxMessages.channelId, channelId));
  return sent!.html;
}

describe("the sender's avatar in a sent email", () => {
  it("an avatar uploaded to Parley (a path on the app) is sent as an absolute URL on the app's public base URL", async () => {
    provideEnv({ NEXTAUTH_URL: "https://parley.example.com/" });
    const fileId = randomUUID();
    const html = await sentBy(`/api/avatars/${fileId}`);
    expect(html).toContain(`<img src="https://parley.example.com/api/avatars/${fileId}"`);
    expect(html).toContain("Bea Builder");
  });

  it("an avatar elsewhere is sent as it is, and one that is not a web URL is left out", async () => {
    provideEnv({ NEXTAUTH_URL: "https://parley.example.com" });
    expect(await sentBy("https://cdn.example.com/bea.png")).toContain(`<img src="https://cdn.example.com/bea.png"`);
    const html = await sentBy("javascript:alert(1)");
    expect(html).not.toContain("<img");
    expect(html).toContain("Bea Builder");
  });
});
