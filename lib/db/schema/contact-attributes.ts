import { sql } from "drizzle-orm";
import { pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { CONTACT_ATTRIBUTE_TYPES } from "@/lib/contacts/attribute-types";
import { workspaces } from "./workspaces";

export const contactAttributeTypeEnum = pgEnum("contact_attribute_type", CONTACT_ATTRIBUTE_TYPES);

/**
 * Settings › Contact attributes: each custom attribute defined once per workspace, with the type
 * its values are validated by wherever they come in. Values stay in contacts.attributes (jsonb),
 * under the definition's key; keys without a definition are free text as before.
 */
export const contactAttributeDefinitions = pgTable(
  "contact_attribute_definitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: contactAttributeTypeEnum("type").notNull(),
    // The choices of a "list" attribute, in the order the page offers them; empty for other types.
    options: text("options").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("contact_attribute_definitions_workspace_key").on(t.workspaceId, t.key)],
);

export type ContactAttributeDefinition = typeof contactAttributeDefinitions.$inferSelect;
