import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { messages } from "@/lib/db/schema/conversations";
import { contactTextToContent } from "@/lib/conversations/message-content";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { startConversation } from "@/lib/conversations/start-conversation";
import { runService } from "@/lib/services/run-service";
import { useTestDatabase } from "@/lib/testing/test-database";
import { asContact, asSystem } from "@/lib/testing/service-scope";
import { createContacts, createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

await useTestDatabase();
const { searchInbox } = await import("@/lib/db/queries/inbox-search");

describe("a campaign's first message in the inbox search", () => {
  it("is indexed only once the campaign opens (a fan-out's unanswered messages cost no search work); Immediately ones at once", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const [waiting, immediate] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Wanda" }, { firstName: "Ivan" }]);
    const system = await asSystem(ws.workspaceId);
    const start = (contactId: string, openMode: "after_reply" | "immediately", text: string) =>
      runService(system, startConversation, {
        contactId,
        channelId: ws.chatChannelId,
        origin: "api",
        direction: "to_contact",
        startWith: "message",
        content: contactTextToContent(text),
        openMode,
        sender: { userId: null, name: "Bot" },
        assignOnOpen: { type: "unassigned" },
        thirdParty: false,
      });
    const campaign = await start(waiting!, "after_reply", "Our marmalade offer ends soon");
    const opened = await start(immediate!, "immediately", "Your quince order shipped");
    const indexed = async (messageId: string | null) =>
      (await getDb().select({ vector: messages.searchVector }).from(messages).where(eq(messages.id, messageId!)))[0]!.vector !== null;
    const search = (query: string) => searchInbox({ viewer: { workspaceId: ws.workspaceId, userId: ws.agentId }, query, status: "open" });

    expect(await indexed(campaign.messageId)).toBe(false);
    expect(await indexed(opened.messageId)).toBe(true);
    expect((await search("quince")).map((hit) => hit.id)).toEqual([opened.conversationId]);

    // The contact answers: the campaign opens, and what it said is found with it.
    await runService(await asContact(ws.workspaceId, waiting!), recordContactMessage, { channelId: ws.chatChannelId, contactId: waiting!, text: "Tell me more" });
    expect(await indexed(campaign.messageId)).toBe(true);
    expect((await search("marmalade")).map((hit) => hit.id)).toEqual([campaign.conversationId]);
  });
});
