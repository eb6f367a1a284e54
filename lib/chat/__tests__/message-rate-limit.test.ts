import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { runService } from "@/lib/services/run-service";
import { asContact } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

await useTestDatabase();

describe("the chat's send limit", () => {
  it("allows 30 chat messages a minute per contact, counted in the database with the message; a refused one, or a text, does not count", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const [ada, bob] = (await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada", phone: "+14155550101" }, { firstName: "Bob" }])) as [string, string];
    const chat = async (contactId: string, text: string) =>
      runService(await asContact(ws.workspaceId, contactId), recordContactMessage, { channelId: ws.chatChannelId, contactId, text, countsChatSend: true });
    const counted = async (contactId: string) =>
      (await getDb().execute<{ n: number }>(sql`SELECT coalesce(sum(count), 0)::int AS n FROM chat_rate_limits WHERE contact_id = ${contactId}`)).rows[0]!.n;

    for (let sent = 1; sent <= 30; sent++) await chat(ada, `Message ${sent}`);
    await expect(chat(ada, "One too many")).rejects.toMatchObject({ status: 429, code: "rate_limited" });
    // The refused message rolled back with its count, and was not recorded.
    expect(await counted(ada)).toBe(30);
    const texts = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM messages WHERE author_contact_id = ${ada}`);
    expect(texts.rows[0]!.n).toBe(30);
    // Another contact has their own limit; a text message from the same contact is not a chat send.
    await expect(chat(bob, "Hello")).resolves.toMatchObject({ duplicate: false });
    await runService(await asContact(ws.workspaceId, ada), recordContactMessage, { channelId: ws.smsChannelId, contactId: ada, text: "By text" });
    expect(await counted(ada)).toBe(30);
    expect(await counted(bob)).toBe(1);
  });
});
