import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { notificationPreferences } from "@/lib/db/schema/notifications";
import type { AccountContext } from "@/lib/services/account-context";
import { EMAIL_AFTER_MINUTES_DEFAULT, type NotificationPreferences } from "./preferences.validation";

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  newConversation: true,
  contactMessage: true,
  desktop: true,
  email: true,
  emailAfterMinutes: EMAIL_AFTER_MINUTES_DEFAULT,
};

const columns = {
  newConversation: notificationPreferences.newConversation,
  contactMessage: notificationPreferences.contactMessage,
  desktop: notificationPreferences.desktop,
  email: notificationPreferences.email,
  emailAfterMinutes: notificationPreferences.emailAfterMinutes,
};

/** A person's notification choices; the defaults until they first save them. */
export async function readNotificationPreferences(db: DbOrTx, userId: string): Promise<NotificationPreferences> {
  const [row] = await db.select(columns).from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return row ?? DEFAULT_NOTIFICATION_PREFERENCES;
}

export async function saveNotificationPreferences(ctx: AccountContext, input: NotificationPreferences): Promise<NotificationPreferences> {
  await ctx.tx
    .insert(notificationPreferences)
    .values({ userId: ctx.userId, ...input })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { ...input, updatedAt: sql`now()` } });
  return input;
}
