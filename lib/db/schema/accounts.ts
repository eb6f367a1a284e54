import { index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, integer } from "drizzle-orm/pg-core";
import { users } from "./workspaces";

export const oneTimeTokenPurposeEnum = pgEnum("one_time_token_purpose", ["setup", "password_reset", "email_change"]);

/**
 * Single-use links Parley mails or prints (the first-run setup, a password reset, an email change).
 * Only the SHA-256 of the token is kept; a token is used up by the statement that redeems it.
 */
export const oneTimeTokens = pgTable(
  "one_time_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    purpose: oneTimeTokenPurposeEnum("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    // The address it concerns: the new one of an email change.
    email: text("email"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("one_time_tokens_hash_key").on(t.tokenHash), index("one_time_tokens_user_idx").on(t.userId, t.purpose)],
);

export type OneTimeToken = typeof oneTimeTokens.$inferSelect;
export type OneTimeTokenPurpose = OneTimeToken["purpose"];

/**
 * Fixed windows of attempts by bucket and key (invitations per workspace, resets per address…),
 * in Postgres so every web process counts the same attempts; old windows are deleted by the
 * api-housekeeping task.
 */
export const attemptWindows = pgTable(
  "attempt_windows",
  {
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key, t.windowStart] })],
);
