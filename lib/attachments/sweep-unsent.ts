import { and, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { messageAttachments } from "@/lib/db/schema/attachments";
import { fileStorage } from "@/lib/storage/file-storage";

/** How long an upload may wait for the send that names it (a composer left open overnight loses it). */
export const UNSENT_UPLOAD_HOURS = 24;

/**
 * Forgets uploads no message took within UNSENT_UPLOAD_HOURS (a removed chip, a closed tab): the
 * stored file goes, and its attachment row with it. Part of the hourly housekeeping; returns how many.
 */
export async function sweepUnsentUploads(db: DbOrTx, batch = 500): Promise<number> {
  const rows = await db
    .select({ fileId: messageAttachments.fileId })
    .from(messageAttachments)
    .where(and(isNull(messageAttachments.messageId), lt(messageAttachments.createdAt, sql`now() - make_interval(hours => ${UNSENT_UPLOAD_HOURS})`)))
    .limit(batch);
  const storage = fileStorage(db);
  for (const { fileId } of rows) await storage.remove(fileId);
  return rows.length;
}
