import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { contacts } from "@/lib/db/schema/contacts";
import { runService } from "@/lib/services/run-service";
import { createPeopleFixture } from "@/lib/testing/people-fixture";
import { asMember, type ServiceScope } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { waitFor } from "@/lib/workflow/testing/workspace-fixture";
import { createContact } from "@/lib/contacts/contacts";

await useTestDatabase();

let scope: ServiceScope;

beforeAll(async () => {
  const fixture = await createPeopleFixture("Race");
  scope = await asMember(fixture.workspaceId, fixture.agent.id);
});

describe("two people saving the same email at once", () => {
  it("lets the first in and answers the second with the named clash, not a 500", async () => {
    const db = getDb();
    let second: Promise<unknown> | undefined;
    let firstId = "";
    await db.transaction(async (tx) => {
      // The first contact is written but not committed: the second's check sees nothing, and its
      // insert waits on the unique index until the first commits.
      firstId = (await createContact({ tx, ...scope }, { firstName: "Zoe", lastName: "First", email: "zoe@example.com" })).id;
      second = runService(scope, createContact, { firstName: "Zed", email: "ZOE@example.com" }).then(
        () => null,
        (error: unknown) => error,
      );
      await waitFor(
        async () => {
          const waiting = await db.execute<{ n: number }>(sql`
            SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'insert into "contacts"%'`);
          return waiting.rows[0]!.n > 0;
        },
        { what: "the second insert to wait for the first" },
      );
    });
    expect(await second).toMatchObject({ code: "contact_exists", status: 409, message: expect.stringMatching(/Zoe First already has the email/), details: { contactId: firstId } });
    const rows = await db.select().from(contacts).where(and(eq(contacts.workspaceId, scope.workspace.id), sql`lower(${contacts.email}) = 'zoe@example.com'`));
    expect(rows.map((row) => row.firstName)).toEqual(["Zoe"]);
  });
});
