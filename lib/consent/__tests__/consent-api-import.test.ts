import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listContactsRoute } from "@/app/api/v1/contacts/route";
import { PUT as putContactRoute } from "@/app/api/v1/contacts/[externalId]/route";
import { ACME_WORKSPACE_ID, call, errorCode, keyFor } from "@/lib/api/__tests__/api-fixtures";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { readContactConsent } from "@/lib/consent/contact-consent";
import { guessMapping, mapImportRow } from "@/lib/contact-imports/import-mapping";
import { getDb } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { useTestDatabase } from "@/lib/testing/test-database";
import { contactsOf, field, importWorkspace, runToEnd, start, upload } from "@/lib/contact-imports/__tests__/import-fixtures";

await useTestDatabase();
let apiKey: string;

beforeAll(async () => {
  await seedDemoData(getDb());
  apiKey = await keyFor(ACME_WORKSPACE_ID);
});

const put = (externalId: string, body: unknown) => call(putContactRoute, { method: "PUT", path: `/api/v1/contacts/${externalId}`, key: apiKey, body, params: { externalId } });

describe("consent through the contacts API", () => {
  it("sets consent per kind with PUT, reads it back there and in the list; bouncing goes on the kind's suppression list and subscribed takes it off", async () => {
    const created = await put("consent-1", { firstName: "Ada", email: "ada@consent-api.example", phone: "+14155550601", consent: { sms: "unsubscribed", email: "bouncing" } });
    expect(created.status).toBe(201);
    expect((created.json.contact as { consent: unknown }).consent).toEqual({ chat: "subscribed", sms: "unsubscribed", email: "bouncing" });
    const suppressed = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM email_suppressions WHERE workspace_id = ${ACME_WORKSPACE_ID} AND address = 'ada@consent-api.example'`);
    expect(suppressed.rows[0]!.n).toBe(1);

    const listed = await call(listContactsRoute, { path: "/api/v1/contacts?externalId=consent-1", key: apiKey });
    expect(listed.status).toBe(200);
    expect((listed.json.contacts as { consent: unknown }[])[0]!.consent).toEqual({ chat: "subscribed", sms: "unsubscribed", email: "bouncing" });

    // Kinds left out keep theirs; subscribed clears the email's bounce.
    const updated = await put("consent-1", { consent: { email: "subscribed", chat: "unsubscribed" } });
    expect(updated.status).toBe(200);
    expect((updated.json.contact as { consent: unknown }).consent).toEqual({ chat: "unsubscribed", sms: "unsubscribed", email: "subscribed" });
    const cleared = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM email_suppressions WHERE workspace_id = ${ACME_WORKSPACE_ID} AND address = 'ada@consent-api.example'`);
    expect(cleared.rows[0]!.n).toBe(0);
    const audit = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE workspace_id = ${ACME_WORKSPACE_ID} AND action = 'contact.consent_changed'`);
    expect(audit.rows[0]!.n).toBe(2);
  });

  it("refuses a chat marked bouncing, an unknown status, and bouncing without an address, changing nothing", async () => {
    const chat = await put("consent-2", { firstName: "Bo", consent: { chat: "bouncing" } });
    expect(chat.status).toBeGreaterThanOrEqual(400);
    expect(errorCode(chat.json)).toBe("invalid_input");
    const unknown = await put("consent-2", { firstName: "Bo", consent: { sms: "maybe" } });
    expect(errorCode(unknown.json)).toBe("invalid_input");
    const noPhone = await put("consent-2", { firstName: "Bo", consent: { sms: "bouncing" } });
    expect(errorCode(noPhone.json)).toBe("invalid_input");
    const none = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM contacts WHERE workspace_id = ${ACME_WORKSPACE_ID} AND external_id = 'consent-2'`);
    expect(none.rows[0]!.n).toBe(0);
  });

  it("documents consent in the OpenAPI document generated from the schemas", () => {
    const document = JSON.stringify(buildOpenApiDocument("http://localhost:3000"));
    expect(document).toContain('"consent"');
    expect(document).toContain("suppression list");
  });
});

describe("consent through the CSV import", () => {
  it("maps a column per kind (guessed from its header), sets each contact's consent, and fails a row whose cell is not a consent", async () => {
    expect(guessMapping("SMS consent", new Map())).toEqual({ kind: "consent", channelKind: "sms" });
    expect(guessMapping("email_status", new Map())).toEqual({ kind: "consent", channelKind: "email" });
    expect(mapImportRow(["yes"], [{ kind: "consent", channelKind: "chat" }], new Map(), ["c"])).toEqual({ ok: true, row: { tags: [], attributes: {}, consent: { chat: "subscribed" } } });

    const { admin, system, workspaceId } = await importWorkspace();
    await getDb().execute(sql`INSERT INTO contacts (workspace_id, email, phone) VALUES (${workspaceId}, 'old@import.example', '+14155550611')`);
    await getDb().execute(sql`INSERT INTO email_suppressions (workspace_id, address, reason) VALUES (${workspaceId}, 'old@import.example', 'bounce')`);
    const csv = [
      "email,phone,sms consent,email consent",
      "new@import.example,+14155550610,unsubscribed,",
      "old@import.example,,bounced,subscribed",
      "odd@import.example,+14155550612,perhaps,",
    ].join("\n");
    const { importId } = await upload(admin, csv);
    await start(admin, importId, {
      mapping: [field("email"), field("phone"), { kind: "consent", channelKind: "sms" }, { kind: "consent", channelKind: "email" }],
      matchBy: "email",
      existing: "update",
    });
    await runToEnd(system, importId);

    const byEmail = new Map((await contactsOf(workspaceId)).map((contact) => [contact.email, contact]));
    const consentOf = async (email: string) => {
      const contact = byEmail.get(email)!;
      const consent = await readContactConsent(getDb(), workspaceId, contact);
      return { chat: consent.chat.status, sms: consent.sms.status, email: consent.email.status };
    };
    expect(await consentOf("new@import.example")).toEqual({ chat: "subscribed", sms: "unsubscribed", email: "subscribed" });
    // The existing contact's number (kept from before) is marked bouncing; their email bounce is cleared.
    expect(await consentOf("old@import.example")).toEqual({ chat: "subscribed", sms: "bouncing", email: "subscribed" });
    expect(byEmail.has("odd@import.example")).toBe(false);
    const failures = await getDb().execute<{ reason: string }>(sql`SELECT reason FROM contact_import_failures WHERE import_id = ${importId}`);
    expect(failures.rows.map((row) => row.reason)).toEqual(["sms consent: “perhaps” is not a consent; use subscribed, unsubscribed or bouncing."]);
  });
});
