import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { PUT as upsertContact } from "@/app/api/v1/contacts/[externalId]/route";
import { POST as startConversation } from "@/app/api/v1/conversations/route";
import { getDb } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { useTestDatabase } from "@/lib/testing/test-database";
import { ACME_WORKSPACE_ID, aContact, call, count, errorCode, keyFor } from "./api-fixtures";

await useTestDatabase();

let key: string;
let ada: Awaited<ReturnType<typeof aContact>>;
beforeAll(async () => {
  await seedDemoData(getDb());
  key = await keyFor(ACME_WORKSPACE_ID);
  ada = await aContact(ACME_WORKSPACE_ID, sql`first_name = 'Ada'`);
});

const start = (rawBody: string | Uint8Array) => call(startConversation, { path: "/api/v1/conversations", key, rawBody });
const put = (externalId: string, body: unknown) =>
  call(upsertContact, { method: "PUT", path: `/api/v1/contacts/${encodeURIComponent(externalId)}`, key, body, params: { externalId } });

describe("text PostgreSQL cannot store never becomes a 500", () => {
  it.each([
    ["a NUL in the message", `{"contact":{"id":"ADA"},"message":"nul\\u0000byte"}`],
    ["an unpaired high surrogate in the message", `{"contact":{"id":"ADA"},"message":"a\\ud800b"}`],
    ["an unpaired low surrogate in the sender's name", `{"contact":{"id":"ADA"},"message":"hi","senderName":"x\\udc00"}`],
    ["a NUL in a key", `{"contact":{"id":"ADA"},"message":"hi","bad\\u0000key":1}`],
  ])("refuses %s with 400 invalid_text and writes nothing", async (_label, json) => {
    const before = await count("conversations");
    const response = await start(json.replace("ADA", ada.id));
    expect(response.status).toBe(400);
    expect(errorCode(response.json)).toBe("invalid_text");
    expect(await count("conversations")).toBe(before);
  });

  it("refuses bytes that are not UTF-8 instead of storing U+FFFD with a 201", async () => {
    const before = await count("conversations");
    const prefix = new TextEncoder().encode(`{"contact":{"id":"${ada.id}"},"message":"caf`);
    const bytes = new Uint8Array([...prefix, 0xe9, ...new TextEncoder().encode(`"}`)]);
    const response = await start(bytes);
    expect(response.status).toBe(400);
    expect(errorCode(response.json)).toBe("invalid_text");
    expect(await count("conversations")).toBe(before);
  });

  it("keeps every other text byte-exact: emoji, joiners, bidi marks, combining marks", async () => {
    const text = "Hi 👩🏽‍💻 e\u0301 \u200b\u202eabc\u202c \u0001!";
    const response = await start(JSON.stringify({ contact: { id: ada.id }, message: text, openMode: "immediately" }));
    expect(response.status).toBe(201);
    expect((response.json.conversation as { messages: { text: string }[] }).messages[0]!.text).toBe(text);
  });

  it("refuses a NUL in a path segment or an attribute with 400 invalid_text", async () => {
    const before = await count("contacts");
    const inPath = await put("crm\u0000x", { firstName: "Nul" });
    expect(inPath.status).toBe(400);
    expect(errorCode(inPath.json)).toBe("invalid_text");
    const inAttribute = await put("crm-attr", { attributes: { city: "Lon\u0000don" } });
    expect(inAttribute.status).toBe(400);
    expect(errorCode(inAttribute.json)).toBe("invalid_text");
    expect(await count("contacts")).toBe(before);
  });
});

describe("external ids mean the same everywhere", () => {
  it("stores a padded external id by the one rule, so a reference to it finds the contact", async () => {
    const created = await put("crm-77 ", { firstName: "Padded" });
    expect(created.status).toBe(201);
    expect((created.json.contact as { externalId: string }).externalId).toBe("crm-77");
    expect((await put("crm-77", { lastName: "Again" })).status).toBe(200);
    const started = await start(JSON.stringify({ contact: { externalId: "crm-77 " }, message: "Hello {{first_name}}" }));
    expect(started.status).toBe(201);
    expect((started.json.conversation as { messages: { text: string }[] }).messages[0]!.text).toBe("Hello Padded");
  });

  it("refuses an external id of only whitespace", async () => {
    const response = await put("   ", { firstName: "Nobody" });
    expect(response.status).toBe(404);
  });
});

describe("attributes are kept exactly or refused with a message", () => {
  const putRaw = (externalId: string, rawBody: string) =>
    call(upsertContact, { method: "PUT", path: `/api/v1/contacts/${externalId}`, key, rawBody, params: { externalId } });

  it.each([
    ["constructor", `{"attributes":{"constructor":"x"}}`, /“constructor” can't be an attribute name/],
    ["__proto__", `{"attributes":{"__proto__":{"polluted":true}}}`, /“__proto__” as a name at “attributes.__proto__”/],
    ["toString", `{"attributes":{"tostring":1,"toString":2}}`, /lower-case letters/],
  ])("refuses the attribute key %s with 400 and stores nothing", async (_label, rawBody, message) => {
    const before = await count("contacts");
    const response = await putRaw("crm-keys", rawBody);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json)).toMatch(message);
    expect(await count("contacts")).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses a number JSON cannot carry exactly instead of rounding it, and keeps one it can", async () => {
    const tooBig = await putRaw("crm-big", `{"attributes":{"account_no":12345678901234567890}}`);
    expect(tooBig.status).toBe(400);
    expect(JSON.stringify(tooBig.json)).toMatch(/too large to keep exactly/);
    const asText = await putRaw("crm-big", `{"attributes":{"account_no":"12345678901234567890","seats":9007199254740991,"ratio":0.25}}`);
    expect(asText.status).toBe(201);
    expect((asText.json.contact as { attributes: Record<string, unknown> }).attributes).toEqual({ account_no: "12345678901234567890", seats: 9007199254740991, ratio: 0.25 });
  });
});

describe("optional identifiers follow one rule: blank is absent", () => {
  it("stores neither a customerIdentifier nor an externalRef of only whitespace", async () => {
    const response = await start(JSON.stringify({ contact: { id: ada.id }, message: "Hi", customerIdentifier: "   ", externalRef: " \t " }));
    expect(response.status).toBe(201);
    expect(response.json.conversation).toMatchObject({ customerIdentifier: null, externalRef: null });
  });
});
