import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listContacts } from "@/app/api/v1/contacts/route";
import { DELETE as deleteContact, PUT as upsertContact } from "@/app/api/v1/contacts/[externalId]/route";
import { getDb } from "@/lib/db/client";
import { DEMO_USERS } from "@/lib/db/seed/demo-identities";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { mergeContacts } from "@/lib/contacts/contact-merge";
import { runService } from "@/lib/services/run-service";
import { asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { ACME_WORKSPACE_ID, GLOBEX_WORKSPACE_ID, call, errorCode, keyFor } from "./api-fixtures";

await useTestDatabase();

let acmeKey: string;
let globexKey: string;
let writeOnlyKey: string;
beforeAll(async () => {
  await seedDemoData(getDb());
  acmeKey = await keyFor(ACME_WORKSPACE_ID);
  globexKey = await keyFor(GLOBEX_WORKSPACE_ID);
  writeOnlyKey = await keyFor(ACME_WORKSPACE_ID, ["contacts:write"], "Sync");
});

type ContactJson = { id: string; externalId: string | null; email: string | null; tags: string[]; updatedAt: string };
const put = (externalId: string, body: unknown) =>
  call(upsertContact, { method: "PUT", path: `/api/v1/contacts/${encodeURIComponent(externalId)}`, key: acmeKey, body, params: { externalId } });
const list = (query: Record<string, string>, key = acmeKey) =>
  call(listContacts, { method: "GET", path: `/api/v1/contacts?${new URLSearchParams(query)}`, key });
const erase = (externalId: string, key = acmeKey, headers?: Record<string, string>) =>
  call(deleteContact, { method: "DELETE", path: `/api/v1/contacts/${encodeURIComponent(externalId)}`, key, params: { externalId }, headers });

describe("GET /api/v1/contacts", () => {
  it("pages every contact of the workspace once, in (updatedAt, id) order, by cursor", async () => {
    const total = (await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM contacts WHERE workspace_id = ${ACME_WORKSPACE_ID}`)).rows[0]!.n;
    const seen: ContactJson[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list({ limit: "7", ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      const body = page.json as { contacts: ContactJson[]; nextCursor: string | null };
      expect(body.contacts.length).toBeLessThanOrEqual(7);
      seen.push(...body.contacts);
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 1000);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((c) => c.id)).size).toBe(total);
    const keys = seen.map((c) => `${c.updatedAt}|${c.id}`);
    expect(keys).toEqual([...keys].sort());
  });

  it("filters by email, phone, external id, tag and updatedSince, all at once if asked", async () => {
    const since = new Date().toISOString();
    await put("api-list-1", { firstName: "Lin", email: "Lin.List@example.com", phone: "+1 415 555 0199", tags: ["api-vip", "x"] });
    await put("api-list-2", { firstName: "Other", email: "other.list@example.com", tags: ["x"] });

    const ids = async (query: Record<string, string>) => ((await list(query)).json.contacts as ContactJson[]).map((c) => c.externalId);
    expect(await ids({ email: "lin.list@EXAMPLE.com" })).toEqual(["api-list-1"]);
    expect(await ids({ phone: "+1 (415) 555-0199" })).toEqual(["api-list-1"]);
    expect(await ids({ externalId: "api-list-2" })).toEqual(["api-list-2"]);
    expect(await ids({ tag: "api-vip" })).toEqual(["api-list-1"]);
    expect((await ids({ updatedSince: since })).sort()).toEqual(["api-list-1", "api-list-2"]);
    expect(await ids({ tag: "x", email: "other.list@example.com" })).toEqual(["api-list-2"]);
    expect(await ids({ tag: "x", email: "lin.list@example.com", externalId: "api-list-2" })).toEqual([]);
  });

  it("finds a merged-away contact's external id on the survivor", async () => {
    const a = (await put("api-merge-a", { firstName: "Kept" })).json.contact as ContactJson;
    const b = (await put("api-merge-b", { firstName: "Gone" })).json.contact as ContactJson;
    await runService(await asMember(ACME_WORKSPACE_ID, DEMO_USERS[0].id), mergeContacts, { survivorId: a.id, mergedId: b.id, fields: {}, attributes: {} });
    const found = (await list({ externalId: "api-merge-b" })).json.contacts as ContactJson[];
    expect(found.map((c) => c.id)).toEqual([a.id]);
  });

  it("refuses bad filters with 400 and a foreign cursor, and keeps workspaces apart", async () => {
    expect(errorCode((await list({ phone: "not a phone" })).json)).toBe("invalid_phone");
    expect(errorCode((await list({ cursor: "garbage" })).json)).toBe("invalid_input");
    expect((await list({ limit: "0" })).status).toBe(400);
    expect((await list({ unknown: "1" })).status).toBe(400);
    expect((await list({ updatedSince: "yesterday" })).status).toBe(400);
    const globex = (await list({ email: "lin.list@example.com" }, globexKey)).json.contacts as ContactJson[];
    expect(globex).toEqual([]);
  });

  it("needs contacts:read", async () => {
    const refused = await list({}, writeOnlyKey);
    expect(refused.status).toBe(403);
    expect(errorCode(refused.json)).toBe("insufficient_scope");
  });
});

describe("DELETE /api/v1/contacts/{externalId}", () => {
  it("erases the contact and everything theirs; then it is 404", async () => {
    const created = (await put("api-erase-1", { firstName: "Eve", email: "eve.erase@example.com" })).json.contact as ContactJson;
    const erased = await erase("api-erase-1");
    expect(erased.status).toBe(200);
    expect(erased.json).toEqual({ erased: { id: created.id, externalId: "api-erase-1" } });
    expect((await list({ externalId: "api-erase-1" })).json.contacts).toEqual([]);
    const again = await erase("api-erase-1");
    expect(again.status).toBe(404);
    const audit = await getDb().execute<{ data: Record<string, unknown> }>(sql`SELECT data FROM audit_log WHERE action = 'contact.erased' AND target_id = ${created.id}`);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.data).toHaveProperty("apiKeyId");
  });

  it("replays with the same Idempotency-Key instead of answering 404", async () => {
    await put("api-erase-2", { firstName: "Idem" });
    const first = await erase("api-erase-2", acmeKey, { "Idempotency-Key": "erase-2" });
    const second = await erase("api-erase-2", acmeKey, { "Idempotency-Key": "erase-2" });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers.get("Idempotent-Replayed")).toBe("true");
  });

  it("needs contacts:delete (contacts:write is not enough), and cannot reach another workspace", async () => {
    await put("api-erase-3", { firstName: "Safe" });
    const refused = await erase("api-erase-3", writeOnlyKey);
    expect(refused.status).toBe(403);
    expect(errorCode(refused.json)).toBe("insufficient_scope");
    expect((await erase("api-erase-3", globexKey)).status).toBe(404);
    expect(((await list({ externalId: "api-erase-3" })).json.contacts as ContactJson[]).length).toBe(1);
  });
});
