import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { describe, expect, it } from "vitest";

const { url } = await (await import("@/lib/testing/test-database")).useTestDatabase();
const { getDb, schema } = await import("@/lib/db/client");
const { executeNamed, statementBuiltOnce } = await import("@/lib/db/named-statement");
const { recordContactMessage } = await import("@/lib/conversations/record-contact-message");
const { asContact } = await import("@/lib/testing/service-scope");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");

type Prepared = { name: string; statement: string };
const preparedOnThisConnection = (prefix: string) => sql`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE ${`${prefix}%`} ORDER BY name`;

describe("named statements", () => {
  it("are prepared once on their connection, answer for each run's own parameters, and get one name per text", async () => {
    const seen = await getDb().transaction(async (tx) => {
      // One transaction is one connection: what it prepared is in its pg_prepared_statements.
      const results: number[] = [];
      for (let n = 1; n <= 3; n++) results.push((await executeNamed<{ v: number }>(tx, "named_test", sql`SELECT ${n}::int * 10 AS v`)).rows[0]!.v);
      // The same call site with another text (a caller's own rows): its own name, not an error.
      const other = (await executeNamed<{ v: number }>(tx, "named_test", sql`SELECT ${4}::int * 100 AS v`)).rows[0]!.v;
      return { results, other, prepared: (await tx.execute<Prepared>(preparedOnThisConnection("named_test_"))).rows };
    });
    expect(seen.results).toEqual([10, 20, 30]);
    expect(seen.other).toBe(400);
    expect(seen.prepared.map((row) => row.statement)).toEqual(expect.arrayContaining(["SELECT $1::int * 10 AS v", "SELECT $1::int * 100 AS v"]));
    expect(seen.prepared).toHaveLength(2);
  });

  it("built once, run on whichever connection each call gives, with that call's values", async () => {
    let builds = 0;
    const doubled = statementBuiltOnce("built_once_test", (db) => {
      builds++;
      return db.select({ doubled: sql<number>`${sql.placeholder("n")}::int * 2`, backend: sql<number>`pg_backend_pid()` }).from(sql`(VALUES (1)) AS one(x)`);
    });
    const inTransactions = await Promise.all(
      [1, 2].map((n) =>
        getDb().transaction(async (tx) => {
          const [row] = await doubled(tx, { n });
          const own = (await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)).rows[0]!.pid;
          return { doubled: row!.doubled, onItsConnection: row!.backend === own };
        }),
      ),
    );
    expect(inTransactions).toEqual([
      { doubled: 2, onItsConnection: true },
      { doubled: 4, onItsConnection: true },
    ]);
    expect((await doubled(getDb(), { n: 21 }))[0]!.doubled).toBe(42);
    expect(builds).toBe(1);
  });

  it("keep one text per name through every shape of a contact's message, on one connection", async () => {
    // A single connection: were a name's text to change with the input, the second shape would fail.
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const db = drizzle(pool, { schema });
    try {
      const ws = await createWorkspaceFixture(getDb());
      const [named, nameless] = (await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada", lastName: "Lovelace" }, {}])) as [string, string];
      const record = async (contactId: string, input: Record<string, unknown>) => {
        const scope = await asContact(ws.workspaceId, contactId);
        return db.transaction((tx) => recordContactMessage({ tx, workspace: scope.workspace, actor: scope.actor }, { contactId, text: "Hello", ...input } as never));
      };
      const chat = await record(named, { channelId: ws.chatChannelId, sessionId: randomUUID(), dedupeKey: `chat:${randomUUID()}`, countsChatSend: true });
      await record(nameless, { channelId: ws.smsChannelId });
      await record(named, { channelId: ws.smsChannelId, dedupeKey: "SM1" });
      await record(nameless, { channelId: ws.chatChannelId, sessionId: randomUUID() });
      await record(named, { channelId: ws.chatChannelId, conversationId: chat.conversationId, sessionId: randomUUID() });
      await record(named, { channelId: ws.smsChannelId, conversationId: chat.conversationId });
      const resent = await record(named, { channelId: ws.smsChannelId, dedupeKey: "SM1" });
      expect(resent.duplicate).toBe(true);

      const names = (await db.execute<Prepared>(preparedOnThisConnection("contact_message_"))).rows.map((row) => row.name);
      expect(names).toEqual(["contact_message_answered_any", "contact_message_answered_session", "contact_message_lock", "contact_message_lock_counted", "contact_message_write", "contact_message_write_newest_any", "contact_message_write_newest_session"]);
      const events = (await db.execute<Prepared>(preparedOnThisConnection("live_events_write_"))).rows;
      expect(events.length).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  });
});
