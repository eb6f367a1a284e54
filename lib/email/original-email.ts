import { and, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { emailMessages } from "@/lib/db/schema/email";
import { fileStorage, type StoredFile } from "@/lib/storage/file-storage";

/** The raw email a message of this workspace was received as, or null (not an email, or another workspace's). */
export async function originalEmailOf(db: DbOrTx, workspaceId: string, messageId: string): Promise<StoredFile | null> {
  const [row] = await db
    .select({ fileId: emailMessages.rawFileId })
    .from(emailMessages)
    .where(and(eq(emailMessages.workspaceId, workspaceId), eq(emailMessages.messageId, messageId), isNotNull(emailMessages.rawFileId)))
    .limit(1);
  return row?.fileId ? fileStorage(db).get(row.fileId) : null;
}
