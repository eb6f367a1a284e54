import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { contactAttributeDefinitions, type ContactAttributeDefinition } from "@/lib/db/schema/contact-attributes";
import { contacts } from "@/lib/db/schema/contacts";
import { isUniqueViolation } from "@/lib/db/pg-error";
import { notFound, SafeError } from "@/lib/errors";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import type { AttributeTypeSpec } from "./attribute-types";
import type { CreateAttributeDefinitionInput, DeleteAttributeDefinitionInput, UpdateAttributeDefinitionInput } from "./attribute-definitions.validation";

/** The workspace's attribute definitions, in key order: what the contact's page, the filters, the API and the import read. */
export function listAttributeDefinitions(db: DbOrTx, workspaceId: string): Promise<ContactAttributeDefinition[]> {
  return db.select().from(contactAttributeDefinitions).where(eq(contactAttributeDefinitions.workspaceId, workspaceId)).orderBy(asc(contactAttributeDefinitions.key));
}

/** Definitions by key, for validating values (parseAttributeValue) and reading them (formatAttributeValue). */
export async function attributeDefinitionsByKey(db: DbOrTx, workspaceId: string): Promise<Map<string, ContactAttributeDefinition>> {
  return new Map((await listAttributeDefinitions(db, workspaceId)).map((definition) => [definition.key, definition]));
}

/** The types of the workspace's attributes by key: what a message's {{variables}} read their values with (RenderContext.attributeTypes). */
export async function attributeTypesOf(db: DbOrTx, workspaceId: string): Promise<Record<string, AttributeTypeSpec>> {
  const rows = await db
    .select({ key: contactAttributeDefinitions.key, type: contactAttributeDefinitions.type, options: contactAttributeDefinitions.options })
    .from(contactAttributeDefinitions)
    .where(eq(contactAttributeDefinitions.workspaceId, workspaceId));
  return Object.fromEntries(rows.map(({ key, ...spec }) => [key, spec]));
}

/**
 * Defines a typed attribute (Settings › Contact attributes, or a CSV column the import turns into
 * one). Values contacts already hold under the key stay as they are: one that does not read as
 * the type shows as stored and is left out by the type's filters, never rewritten silently.
 */
export async function createAttributeDefinition(ctx: ServiceContext, input: CreateAttributeDefinitionInput): Promise<ContactAttributeDefinition> {
  let definition: ContactAttributeDefinition;
  try {
    const [row] = await ctx.tx
      .insert(contactAttributeDefinitions)
      .values({ workspaceId: ctx.workspace.id, key: input.key, label: input.label, type: input.type, options: input.type === "list" ? (input.options ?? []) : [] })
      .returning();
    definition = row!;
  } catch (error) {
    if (isUniqueViolation(error, "contact_attribute_definitions_workspace_key")) {
      throw new SafeError("conflict", `An attribute with the key “${input.key}” is already defined. Choose another key, or edit that one.`, { path: "key" });
    }
    throw error;
  }
  await audit(ctx, {
    action: "contact_attribute.created",
    target: { type: "contact_attribute", id: definition.id },
    data: { key: definition.key, label: definition.label, type: definition.type },
  });
  return definition;
}

async function definitionOf(ctx: ServiceContext, definitionId: string): Promise<ContactAttributeDefinition> {
  const [definition] = await ctx.tx
    .select()
    .from(contactAttributeDefinitions)
    .where(and(eq(contactAttributeDefinitions.workspaceId, ctx.workspace.id), eq(contactAttributeDefinitions.id, definitionId)))
    .for("update");
  if (!definition) throw notFound("That attribute");
  return definition;
}

/**
 * Changes the label and, for a list, its options. An option taken out of the list is cleared from
 * the contacts that had it (they would otherwise hold a value no control can show or set); the
 * answer says how many, and the page asks before saving.
 */
export async function updateAttributeDefinition(
  ctx: ServiceContext,
  input: UpdateAttributeDefinitionInput,
): Promise<{ definition: ContactAttributeDefinition; clearedValues: number }> {
  const current = await definitionOf(ctx, input.definitionId);
  const options = current.type === "list" ? (input.options ?? current.options) : [];
  if (current.type === "list" && options.length === 0) throw new SafeError("invalid_input", "A list attribute needs at least one option.", { path: "options" });
  const removed = current.options.filter((option) => !options.some((kept) => kept.toLowerCase() === option.toLowerCase()));
  // An option kept but respelled ("gold" → "Gold") is respelled on the contacts too.
  const respelled = options.filter((option) => current.options.some((old) => old.toLowerCase() === option.toLowerCase() && old !== option));

  let clearedValues = 0;
  const key = current.key;
  const value = sql`${contacts.attributes} ->> ${key}`;
  if (removed.length > 0) {
    const cleared = await ctx.tx
      .update(contacts)
      .set({ attributes: sql`${contacts.attributes} - ${key}`, updatedAt: sql`now()` })
      .where(and(eq(contacts.workspaceId, ctx.workspace.id), sql`lower(${value}) = ANY(${sql.param(removed.map((option) => option.toLowerCase()))}::text[])`))
      .returning({ id: contacts.id });
    clearedValues = cleared.length;
  }
  for (const option of respelled) {
    await ctx.tx
      .update(contacts)
      .set({ attributes: sql`jsonb_set(${contacts.attributes}, ${sql.param([key])}::text[], to_jsonb(${option}::text))`, updatedAt: sql`now()` })
      .where(and(eq(contacts.workspaceId, ctx.workspace.id), sql`lower(${value}) = ${option.toLowerCase()}`, sql`${value} <> ${option}`));
  }

  const [definition] = await ctx.tx
    .update(contactAttributeDefinitions)
    .set({ label: input.label, options, updatedAt: sql`now()` })
    .where(and(eq(contactAttributeDefinitions.workspaceId, ctx.workspace.id), eq(contactAttributeDefinitions.id, current.id)))
    .returning();
  await audit(ctx, {
    action: "contact_attribute.updated",
    target: { type: "contact_attribute", id: current.id },
    data: { key, label: input.label, ...(current.type === "list" && { options }), ...(removed.length > 0 && { removedOptions: removed, clearedValues }) },
  });
  return { definition: definition!, clearedValues };
}

/** How many contacts hold a value under the key: what the page says before a delete or an option's removal. */
export async function countAttributeValues(db: DbOrTx, workspaceId: string, key: string, values?: readonly string[]): Promise<number> {
  const has = values
    ? sql`lower(${contacts.attributes} ->> ${key}) = ANY(${sql.param(values.map((v) => v.toLowerCase()))}::text[])`
    : sql`${contacts.attributes} ? ${key}`;
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), has));
  return row?.n ?? 0;
}

/**
 * Deletes a definition AND the values contacts hold under its key: the attribute is gone from
 * the contact's page, the filters and the variables alike, rather than lingering as untyped data
 * nobody manages. Workflows whose Audience Matched filter names the key stop matching on it (a
 * condition on a missing value matches no one). The answer says how many values went.
 */
export async function deleteAttributeDefinition(ctx: ServiceContext, input: DeleteAttributeDefinitionInput): Promise<{ clearedValues: number }> {
  const current = await definitionOf(ctx, input.definitionId);
  const cleared = await ctx.tx
    .update(contacts)
    .set({ attributes: sql`${contacts.attributes} - ${current.key}`, updatedAt: sql`now()` })
    .where(and(eq(contacts.workspaceId, ctx.workspace.id), sql`${contacts.attributes} ? ${current.key}`))
    .returning({ id: contacts.id });
  await ctx.tx
    .delete(contactAttributeDefinitions)
    .where(and(eq(contactAttributeDefinitions.workspaceId, ctx.workspace.id), eq(contactAttributeDefinitions.id, current.id)));
  await audit(ctx, {
    action: "contact_attribute.deleted",
    target: { type: "contact_attribute", id: current.id },
    data: { key: current.key, label: current.label, type: current.type, clearedValues: cleared.length },
  });
  return { clearedValues: cleared.length };
}
