import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { users } from "@/lib/db/schema/workspaces";
import { fileStorage, type StoredFile } from "@/lib/storage/file-storage";

/**
 * The image behind an avatar URL, while it is someone's avatar. Avatars are public (contacts see
 * them in the chat), so the route serves a stored file only when it is a current avatar: never
 * another kind of file that lib/storage keeps.
 */
export async function findAvatarFile(db: DbOrTx, fileId: string): Promise<StoredFile | null> {
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.avatarFileId, fileId)).limit(1);
  if (!owner) return null;
  return fileStorage(db).get(fileId);
}
