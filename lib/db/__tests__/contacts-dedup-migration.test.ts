import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testAdminUrl } from "@/lib/testing/test-database";

/**
 * drizzle/*_contacts-dedup.sql: a database whose contacts share emails (in any case) and phones
 * migrates to the unique indexes without failing; the oldest contact keeps the value.
 */
const name = `parley_test_dedup_${randomBytes(4).toString("hex")}`;
const adminUrl = testAdminUrl();
const url = new URL(adminUrl);
url.pathname = `/${name}`;
let client: pg.Client;
let folder: string;

type Journal = { entries: { idx: number; tag: string }[] };

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  // The migrations as they were before this one: the same folder with the journal cut before it.
  folder = mkdtempSync(path.join(tmpdir(), "parley-migrations-"));
  cpSync(path.resolve("drizzle"), folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as Journal;
  const cut = journal.entries.findIndex((entry) => entry.tag.endsWith("_contacts-dedup"));
  expect(cut).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  await migrate(drizzle(client), { migrationsFolder: folder });
});

afterAll(async () => {
  await client?.end();
  rmSync(folder, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe("the contacts dedup migration", () => {
  it("keeps the oldest contact's email and phone, clears the later copies, and lets the unique indexes in", async () => {
    const { rows: workspaces } = await client.query<{ id: string }>(`INSERT INTO workspaces (name) VALUES ('Acme'), ('Globex') RETURNING id`);
    const [acme, globex] = workspaces.map((row) => row.id) as [string, string];
    const insert = async (workspaceId: string, first: string, email: string | null, phone: string | null, createdAt: string) =>
      (
        await client.query<{ id: string }>(
          `INSERT INTO contacts (workspace_id, first_name, email, phone, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [workspaceId, first, email, phone, createdAt],
        )
      ).rows[0]!.id;
    const oldest = await insert(acme, "Oldest", "Ada@Example.com", "+14155550123", "2024-01-01T00:00:00Z");
    const newer = await insert(acme, "Newer", "ada@example.COM", "+14155550123", "2025-01-01T00:00:00Z");
    const newest = await insert(acme, "Newest", "ada@example.com", "+14155550199", "2026-01-01T00:00:00Z");
    const blank = await insert(acme, "Blank", "", " ", "2026-02-01T00:00:00Z");
    const blank2 = await insert(acme, "Blank too", "", "", "2026-02-02T00:00:00Z");
    // The same email in another workspace is another workspace's business: kept.
    const elsewhere = await insert(globex, "Elsewhere", "ada@example.com", "+14155550123", "2026-03-01T00:00:00Z");

    await migrate(drizzle(client), { migrationsFolder: path.resolve("drizzle") });

    const { rows } = await client.query<{ id: string; email: string | null; phone: string | null }>(`SELECT id, email, phone FROM contacts`);
    const byId = new Map(rows.map((row) => [row.id, { email: row.email, phone: row.phone }]));
    expect(byId.get(oldest)).toEqual({ email: "Ada@Example.com", phone: "+14155550123" });
    expect(byId.get(newer)).toEqual({ email: null, phone: null });
    expect(byId.get(newest)).toEqual({ email: null, phone: "+14155550199" });
    expect(byId.get(blank)).toEqual({ email: null, phone: null });
    expect(byId.get(blank2)).toEqual({ email: null, phone: null });
    expect(byId.get(elsewhere)).toEqual({ email: "ada@example.com", phone: "+14155550123" });

    const { rows: indexes } = await client.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'contacts' AND indexdef LIKE 'CREATE UNIQUE%'`);
    expect(indexes.map((row) => row.indexname)).toEqual(expect.arrayContaining(["contacts_workspace_email_key", "contacts_workspace_phone_key"]));
    await expect(client.query(`INSERT INTO contacts (workspace_id, email) VALUES ($1, 'ADA@example.com')`, [acme])).rejects.toMatchObject({ code: "23505" });
  });
});
