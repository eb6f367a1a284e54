import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { contacts } from "@/lib/db/schema/contacts";
import { auditLog } from "@/lib/db/schema/platform";
import { runService } from "@/lib/services/run-service";
import { createPeopleFixture } from "@/lib/testing/people-fixture";
import { asMember, type ServiceScope } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createAttributeDefinition, deleteAttributeDefinition, listAttributeDefinitions, updateAttributeDefinition } from "@/lib/contacts/attribute-definitions";
import { createAttributeDefinitionSchema } from "@/lib/contacts/attribute-definitions.validation";

await useTestDatabase();

let scope: ServiceScope;
let workspaceId: string;

beforeAll(async () => {
  const fixture = await createPeopleFixture();
  workspaceId = fixture.workspaceId;
  scope = await asMember(workspaceId, fixture.admin.id);
});

const attributesOf = async (id: string) => (await getDb().select({ a: contacts.attributes }).from(contacts).where(eq(contacts.id, id)))[0]!.a;

describe("attribute definitions", () => {
  it("defines a typed attribute once per key, audited; a second definition of the key is a clear 409", async () => {
    const plan = await runService(scope, createAttributeDefinition, createAttributeDefinitionSchema.parse({ key: "plan", label: "Plan", type: "list", options: ["Free", "Gold"] }));
    expect(plan).toMatchObject({ key: "plan", type: "list", options: ["Free", "Gold"] });
    await expect(runService(scope, createAttributeDefinition, { key: "plan", label: "Again", type: "text" })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/“plan” is already defined/),
    });
    const entries = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.targetId, plan.id)));
    expect(entries.map((entry) => entry.action)).toEqual(["contact_attribute.created"]);
  });

  it("refuses a list without options, options on another type, and options listed twice", () => {
    expect(createAttributeDefinitionSchema.safeParse({ key: "tier", label: "Tier", type: "list", options: [] }).success).toBe(false);
    expect(createAttributeDefinitionSchema.safeParse({ key: "seats", label: "Seats", type: "number", options: ["1"] }).success).toBe(false);
    expect(createAttributeDefinitionSchema.safeParse({ key: "tier", label: "Tier", type: "list", options: ["A", "a"] }).success).toBe(false);
  });

  it("removing a list option clears it from the contacts that had it; respelling one respells their values", async () => {
    const [definition] = (await listAttributeDefinitions(getDb(), workspaceId)).filter((d) => d.key === "plan");
    const [gold, free, other] = await getDb()
      .insert(contacts)
      .values([
        { workspaceId, firstName: "Gold", attributes: { plan: "Gold" } },
        { workspaceId, firstName: "Free", attributes: { plan: "Free" } },
        { workspaceId, firstName: "Other", attributes: { city: "Oslo" } },
      ])
      .returning();
    const result = await runService(scope, updateAttributeDefinition, { definitionId: definition!.id, label: "Plan", options: ["free", "Platinum"] });
    expect(result.clearedValues).toBe(1);
    expect(await attributesOf(gold!.id)).toEqual({});
    expect(await attributesOf(free!.id)).toEqual({ plan: "free" });
    expect(await attributesOf(other!.id)).toEqual({ city: "Oslo" });
  });

  it("deleting a definition deletes the values stored under its key, and says how many", async () => {
    const seats = await runService(scope, createAttributeDefinition, { key: "seats", label: "Seats", type: "number" });
    const [a, b] = await getDb()
      .insert(contacts)
      .values([
        { workspaceId, attributes: { seats: 5, city: "Lima" } },
        { workspaceId, attributes: { seats: 7 } },
      ])
      .returning();
    expect(await runService(scope, deleteAttributeDefinition, { definitionId: seats.id })).toEqual({ clearedValues: 2 });
    expect(await attributesOf(a!.id)).toEqual({ city: "Lima" });
    expect(await attributesOf(b!.id)).toEqual({});
    expect((await listAttributeDefinitions(getDb(), workspaceId)).map((d) => d.key)).toEqual(["plan"]);
  });
});
