import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { contactAttributeDefinitions } from "@/lib/db/schema/contact-attributes";
import type { AttributeTypeSpec } from "@/lib/contacts/attribute-types";

/** The workspace's typed attributes by key: what each import row's attribute cells are read by. */
export async function attributeSpecs(db: DbOrTx, workspaceId: string): Promise<Map<string, AttributeTypeSpec & { label: string }>> {
  const rows = await db
    .select({ key: contactAttributeDefinitions.key, label: contactAttributeDefinitions.label, type: contactAttributeDefinitions.type, options: contactAttributeDefinitions.options })
    .from(contactAttributeDefinitions)
    .where(eq(contactAttributeDefinitions.workspaceId, workspaceId));
  return new Map(rows.map((row) => [row.key, { type: row.type, options: row.options, label: row.label }]));
}
