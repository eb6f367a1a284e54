import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { contacts } from "./contacts";
import { conversations, messages } from "./conversations";
import { storedFiles } from "./files";
import { users, workspaces } from "./workspaces";

/**
 * A file attached to a message (lib/attachments). Uploaded first, unattached (message_id null),
 * then linked by the send that names it; an upload nobody sent is swept after a day. The bytes
 * live in lib/storage under file_id: deleting the stored file deletes this row with it.
 */
export const messageAttachments = pgTable(
  "message_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    fileId: uuid("file_id")
      .notNull()
      .references(() => storedFiles.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "cascade" }),
    // An agent's upload names its conversation from the start; a contact's is placed by the send.
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "cascade" }),
    // Whose file it is for erasure: the uploading contact, or the contact of the agent's conversation.
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "cascade" }),
    uploadedByUserId: uuid("uploaded_by_user_id").references(() => users.id, { onDelete: "set null" }),
    uploadedByContactId: uuid("uploaded_by_contact_id").references(() => contacts.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    // Decided from the bytes (file-type), never from the name or the uploader's header.
    contentType: text("content_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("message_attachments_message_idx").on(t.messageId),
    index("message_attachments_contact_idx").on(t.contactId),
    index("message_attachments_file_idx").on(t.fileId),
  ],
);

export type MessageAttachment = typeof messageAttachments.$inferSelect;
