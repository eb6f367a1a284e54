import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { contacts } from "@/lib/db/schema/contacts";
import { messages } from "@/lib/db/schema/conversations";
import { contactByIdentifier } from "@/lib/contacts/contact-by-identifier";
import { createEmailChannel } from "@/lib/email/email-channels";
import { receiveInboundEmail } from "@/lib/email/inbound-email";
import { runService } from "@/lib/services/run-service";
import { createSmsChannel } from "@/lib/sms/channels";
import { receiveInboundSms } from "@/lib/sms/inbound";
import { asContact, asMember, asSystem } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

await useTestDatabase();

function rawEmail(from: string, messageId: string): Buffer {
  return Buffer.from(
    [`From: ${from}`, "To: hello@in.acme.example", `Subject: Question ${messageId}`, `Message-ID: <${messageId}@mail.example>`, "Date: Mon, 30 Nov 2026 10:00:00 +0000", "", "Do you ship to Norway?", ""].join("\r\n"),
  );
}

const contactsWith = async (workspaceId: string, where: ReturnType<typeof sql>) =>
  getDb().select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), where));

describe("the contact an inbound message comes from", () => {
  it("two emails from a new address arriving at once create one contact, named as the sender's client gave it, and both land", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
      name: "Inbound email",
      fromAddress: "hello@acme.example",
      fromNamePattern: "",
      replyDomain: "in.acme.example",
      ratePerSecond: 10,
      transport: { kind: "sandbox" },
    });
    const scope = await asContact(ws.workspaceId, null);
    await Promise.all(
      ["race-1", "race-2", "race-3"].map((id) => runService(scope, receiveInboundEmail, { channelId, raw: rawEmail("Nora Lind <Nora.Lind@Example.com>", id) })),
    );
    const found = await contactsWith(ws.workspaceId, sql`lower(${contacts.email}) = 'nora.lind@example.com'`);
    expect(found).toEqual([{ id: found[0]!.id, firstName: "Nora", lastName: "Lind", email: "nora.lind@example.com" }]);
    const written = await getDb().select({ id: messages.id }).from(messages).where(and(eq(messages.workspaceId, ws.workspaceId), eq(messages.authorContactId, found[0]!.id)));
    expect(written).toHaveLength(3);
  });

  it("two texts from a new number arriving at once create one contact", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createSmsChannel, {
      name: "Inbound SMS",
      config: { provider: "sandbox", fromNumber: "+14155550100" },
    });
    const scope = await asContact(ws.workspaceId, null);
    await Promise.all(
      ["SMa", "SMb", "SMc"].map((providerMessageId) => runService(scope, receiveInboundSms, { channelId, from: "+14155550177", text: "Hi", providerMessageId })),
    );
    expect(await contactsWith(ws.workspaceId, sql`${contacts.phone} = '+14155550177'`)).toHaveLength(1);
  });

  it("finds an existing contact whatever the case of the address, and never takes another workspace's", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const other = await createWorkspaceFixture(getDb());
    const [mine] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada", email: "Ada@Example.com" }]);
    const [theirs] = await createContacts(getDb(), other.workspaceId, [{ firstName: "Ada", email: "ada@example.com" }]);
    expect(await runService(await asSystem(ws.workspaceId), contactByIdentifier, { email: "ADA@example.COM" })).toEqual({ contactId: mine, created: false });
    const third = await createWorkspaceFixture(getDb());
    const created = await runService(await asSystem(third.workspaceId), contactByIdentifier, { email: "ada@example.com" });
    expect(created.created).toBe(true);
    expect([mine, theirs]).not.toContain(created.contactId);
  });
});
