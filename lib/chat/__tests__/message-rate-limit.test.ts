import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { runService } from "@/lib/services/run-service";
import { asContact } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture, waitFor } from "@/lib/workflow/testing/workspace-fixture";

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

  it("takes the count's row before the contact's lock, in the one statement that does both", async () => {
    // The order every path takes them in, so two of a contact's messages cannot deadlock.
    const ws = await createWorkspaceFixture(getDb());
    const [cleo] = (await createContacts(getDb(), ws.workspaceId, [{ firstName: "Cleo" }])) as [string];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // Another transaction holds the count's rows of this minute and the next (a minute may turn meanwhile).
    const holder = getDb().transaction(async (tx) => {
      await tx.execute(sql`
        INSERT INTO chat_rate_limits (contact_id, window_start, count)
        SELECT ${cleo}, to_timestamp(floor(extract(epoch FROM now()) / 60) * 60) + make_interval(mins => m), 0 FROM generate_series(0, 1) AS m
        ON CONFLICT (contact_id, window_start) DO UPDATE SET count = chat_rate_limits.count`);
      await held;
    });
    const message = runService(await asContact(ws.workspaceId, cleo), recordContactMessage, { channelId: ws.chatChannelId, contactId: cleo, text: "Hi", countsChatSend: true });
    await waitFor(
      async () => (await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows[0]!.n > 0,
      { what: "the message to wait for the count's row" },
    );
    // Waiting for the count, the message has not taken the contact's lock.
    const free = await getDb().transaction((tx) => tx.execute<{ free: boolean }>(sql`SELECT pg_try_advisory_xact_lock(hashtext(${cleo}), hashtext(${ws.chatChannelId})) AS free`));
    expect(free.rows[0]!.free).toBe(true);
    release();
    await holder;
    await expect(message).resolves.toMatchObject({ duplicate: false, createdConversation: true });
  });
});
