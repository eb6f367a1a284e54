import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";
import { users, workspaces } from "./workspaces";

/**
 * An invitation to join a workspace with a role (and teams). Only the SHA-256 of its link's token
 * is kept: copying the link or resending the mail issues a fresh token, and the old link stops
 * working. Accepted, revoked or past expires_at, it can no longer be used.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // Lower-cased and trimmed when written.
    email: text("email").notNull(),
    role: roleEnum("role").notNull(),
    // Teams of this workspace to join on accepting; a team deleted meanwhile is skipped.
    teamIds: uuid("team_ids").array().notNull().default(sql`'{}'::uuid[]`),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    // When the current link was issued (the invitation, a resend or a copied link).
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    // One open invitation per address and workspace: inviting again means resending that one.
    uniqueIndex("invitations_open_email_key")
      .on(t.workspaceId, t.email)
      .where(sql`${t.acceptedAt} IS NULL AND ${t.revokedAt} IS NULL`),
    index("invitations_workspace_idx").on(t.workspaceId, t.createdAt.desc()),
  ],
);

export type Invitation = typeof invitations.$inferSelect;
