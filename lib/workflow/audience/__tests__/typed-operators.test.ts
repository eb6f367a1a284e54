import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { contacts } from "@/lib/db/schema/contacts";
import { workspaces } from "@/lib/db/schema/workspaces";
import { useTestDatabase } from "@/lib/testing/test-database";
import { audienceFilterSchema } from "@/lib/workflow/audience/audience-filter";
import { compileAudience } from "@/lib/workflow/audience/compile-audience";
import { audienceMatchedConfigSchema, audienceMatchedDefinition } from "@/lib/workflow/nodes/audience-matched/definition";

await useTestDatabase();

let workspaceId: string;
let otherWorkspaceId: string;

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  const [ws, other] = await getDb().insert(workspaces).values([{ name: "Typed" }, { name: "Other" }]).returning({ id: workspaces.id });
  workspaceId = ws!.id;
  otherWorkspaceId = other!.id;
  await getDb()
    .insert(contacts)
    .values([
      { workspaceId, firstName: "Ann", attributes: { seats: 5, renewal: "2026-01-15", active: true, tier: "Gold", seen: isoDaysAgo(3) }, tags: ["vip"] },
      { workspaceId, firstName: "Bob", attributes: { seats: 50, renewal: "2026-06-01", active: false, tier: "Bronze", seen: isoDaysAgo(40) } },
      // Values that do not read as the type (stored before the attribute was typed) match no typed condition, and never error.
      { workspaceId, firstName: "Cy", attributes: { seats: "many", renewal: "soon", active: "perhaps", tier: "gold", seen: "2026-02-30x" } },
      { workspaceId, firstName: "Dee", attributes: {} },
      { workspaceId: otherWorkspaceId, firstName: "Elsewhere", attributes: { seats: 500, tier: "Gold", active: true, renewal: "2020-01-01" } },
    ]);
});

async function matching(filter: unknown): Promise<string[]> {
  const condition = compileAudience(audienceFilterSchema.parse(filter), workspaceId);
  const { rows } = await getDb().execute<{ first_name: string }>(sql`SELECT c.first_name FROM contacts c WHERE ${condition} ORDER BY c.first_name`);
  return rows.map((row) => row.first_name);
}
const where = (key: string, op: string, value: unknown) => ({ attributes: [{ key, op, value }] });

describe("typed attribute operators, compiled to the one SQL query and run against rows", () => {
  it.each([
    ["number greater than", where("seats", "gt", 10), ["Bob"]],
    ["number less than", where("seats", "lt", 10), ["Ann"]],
    ["number is", where("seats", "eq", 50), ["Bob"]],
    ["date before", where("renewal", "before", "2026-03-01"), ["Ann"]],
    ["date after", where("renewal", "after", "2026-01-15"), ["Bob"]],
    ["date after (the day itself excluded)", where("renewal", "after", "2026-06-01"), []],
    ["date within the last N days", where("seen", "within_last_days", 7), ["Ann"]],
    ["date within the last N days (wider)", where("seen", "within_last_days", 60), ["Ann", "Bob"]],
    ["list is any of", where("tier", "any_of", ["Gold", "Platinum"]), ["Ann"]],
    ["list is any of (several)", where("tier", "any_of", ["Gold", "Bronze"]), ["Ann", "Bob"]],
    ["boolean is yes", where("active", "eq", true), ["Ann"]],
    ["boolean is no", where("active", "eq", false), ["Bob"]],
    ["is set", where("tier", "exists", null), ["Ann", "Bob", "Cy"]],
    ["is not set", where("tier", "not_exists", null), ["Dee"]],
  ])("%s", async (_, filter, expected) => {
    expect(await matching(filter)).toEqual(expected);
  });

  it("combines typed conditions and tags with AND, in the workspace only", async () => {
    expect(await matching({ attributes: [{ key: "seats", op: "gt", value: 1 }, { key: "active", op: "eq", value: true }], tags: { any: ["vip"] } })).toEqual(["Ann"]);
  });

  it("an incomplete date or list condition matches no one rather than failing", async () => {
    expect(await matching(where("renewal", "before", "2026-02-30"))).toEqual([]);
    expect(await matching(where("seen", "within_last_days", 0))).toEqual([]);
    expect(await matching(where("tier", "any_of", []))).toEqual([]);
  });

  it("the node reports an unusable date, day count or empty list before publishing", () => {
    const issues = audienceMatchedDefinition.validate!(
      audienceMatchedConfigSchema.parse({
        filter: { attributes: [{ key: "renewal", op: "before", value: "March" }, { key: "seen", op: "within_last_days", value: 0 }, { key: "tier", op: "any_of", value: [] }] },
      }),
      {} as never,
    );
    expect(issues.map((issue) => issue.field)).toEqual(["filter.attributes.0.value", "filter.attributes.1.value", "filter.attributes.2.value"]);
  });
});

describe("saved Audience Matched filters", () => {
  it("a graph saved before typed operators still parses, unchanged, and compiles", async () => {
    const saved = {
      filter: {
        lastConversation: { op: "older_than_days_or_never", days: 30 },
        attributes: [
          { key: "plan", op: "eq", value: "pro" },
          { key: "plan", op: "neq", value: "free" },
          { key: "city", op: "contains", value: "lon" },
          { key: "seats", op: "gt", value: 3 },
          { key: "seats", op: "lt", value: 100 },
          { key: "vip", op: "exists" },
          { key: "churned", op: "not_exists", value: null },
        ],
        tags: { any: ["a"], all: [], none: ["b"] },
      },
      schedule: "daily",
    };
    const parsed = audienceMatchedConfigSchema.parse(saved);
    expect(parsed.filter.attributes).toEqual(saved.filter.attributes.map((condition) => ({ value: null, ...condition })));
    expect(parsed.filter.lastConversation).toEqual(saved.filter.lastConversation);
    await expect(matching(parsed.filter)).resolves.toEqual([]);
  });
});
