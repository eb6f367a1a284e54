import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { contactImports } from "@/lib/db/schema/contact-imports";
import { contacts } from "@/lib/db/schema/contacts";
import { memberships, users, workspaces } from "@/lib/db/schema/workspaces";
import { runService } from "@/lib/services/run-service";
import { asMember, asSystem, type ServiceScope } from "@/lib/testing/service-scope";
import { startContactImport } from "@/lib/contact-imports/contact-imports";
import type { ImportSettings } from "@/lib/contact-imports/contact-imports.validation";
import { uploadContactImport } from "@/lib/contact-imports/csv-upload";
import { runContactImportToEnd } from "@/lib/contact-imports/import-batch";
import type { ColumnMapping } from "@/lib/contact-imports/import-mapping";

/** A workspace with an admin, for import tests. */
export async function importWorkspace(): Promise<{ workspaceId: string; admin: ServiceScope; system: ServiceScope }> {
  const db = getDb();
  const [workspace] = await db.insert(workspaces).values({ name: `Imports ${randomUUID().slice(0, 6)}` }).returning();
  const [admin] = await db.insert(users).values({ email: `admin-${randomUUID()}@example.com`, name: "Ada Admin" }).returning();
  await db.insert(memberships).values({ workspaceId: workspace!.id, userId: admin!.id, role: "admin" });
  return { workspaceId: workspace!.id, admin: await asMember(workspace!.id, admin!.id), system: await asSystem(workspace!.id) };
}

/** The bytes in chunks of `size`, as a request body arrives. */
export async function* chunked(data: string | Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export function upload(scope: ServiceScope, data: string | Uint8Array, fileName = "contacts.csv") {
  return runService(scope, uploadContactImport, { fileName, body: chunked(data) });
}

export const field = (name: Extract<ColumnMapping, { kind: "field" }>["field"]): ColumnMapping => ({ kind: "field", field: name });
export const attribute = (key: string): ColumnMapping => ({ kind: "attribute", key });

export function start(scope: ServiceScope, importId: string, settings: Omit<ImportSettings, "importId" | "tag"> & { tag?: string | null }) {
  return runService(scope, startContactImport, { importId, tag: null, ...settings });
}

/** Runs the import's batches to the end, as the job does. */
export async function runToEnd(system: ServiceScope, importId: string): Promise<void> {
  await runContactImportToEnd(system, importId);
}

export const importRow = async (importId: string) => (await getDb().select().from(contactImports).where(eq(contactImports.id, importId)))[0]!;
export const contactsOf = (workspaceId: string) => getDb().select().from(contacts).where(eq(contacts.workspaceId, workspaceId));
