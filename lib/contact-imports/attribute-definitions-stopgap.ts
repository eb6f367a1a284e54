import { contactAttributeDefinitions } from "@/lib/db/schema/contact-attributes";
import type { ContactAttributeType } from "@/lib/contacts/attribute-types";
import type { ServiceContext } from "@/lib/services/service-context";

/**
 * STOPGAP — to be replaced at merge by Slice A's `createAttributeDefinition(ctx, input)` from
 * lib/contacts/attribute-definitions.ts (which owns the rules and the audit of a definition).
 * The import creates attributes from columns only through this one function, so the merge
 * changes this file alone. An existing definition with the same key is kept as it is.
 */
export async function createAttributeDefinitionForImport(
  ctx: ServiceContext,
  input: { key: string; label: string; type: Exclude<ContactAttributeType, "list"> },
): Promise<void> {
  await ctx.tx
    .insert(contactAttributeDefinitions)
    .values({ workspaceId: ctx.workspace.id, key: input.key, label: input.label, type: input.type })
    .onConflictDoNothing({ target: [contactAttributeDefinitions.workspaceId, contactAttributeDefinitions.key] });
}
