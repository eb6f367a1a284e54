import { eq } from "drizzle-orm";
import { users } from "@/lib/db/schema/workspaces";
import { unauthorized } from "@/lib/errors";
import type { AccountContext } from "@/lib/services/account-context";
import { fileStorage } from "@/lib/storage/file-storage";
import { prepareAvatarImage } from "./avatar-image";
import type { AvatarUploadInput } from "./avatar.validation";

/** Where Parley serves an uploaded avatar: the file's id is in the URL, so a new avatar is a new URL. */
export const avatarUrl = (fileId: string) => `/api/avatars/${fileId}`;

async function replaceAvatar(ctx: AccountContext, next: { fileId: string; url: string } | null): Promise<void> {
  const [me] = await ctx.tx.select({ avatarFileId: users.avatarFileId }).from(users).where(eq(users.id, ctx.userId)).for("update");
  if (!me) throw unauthorized();
  await ctx.tx.update(users).set({ avatarFileId: next?.fileId ?? null, avatarUrl: next?.url ?? null }).where(eq(users.id, ctx.userId));
  // The old image is no one's avatar any more: its URL stops answering.
  if (me.avatarFileId) await fileStorage(ctx.tx).remove(me.avatarFileId);
}

/**
 * Sets the person's avatar from an uploaded image (checked and resized by prepareAvatarImage),
 * kept in lib/storage. It is what contacts see beside the person's messages.
 */
export async function setAvatar(ctx: AccountContext, input: AvatarUploadInput): Promise<{ avatarUrl: string }> {
  const image = await prepareAvatarImage(input.file);
  const fileId = await fileStorage(ctx.tx).put(image.bytes, image.contentType);
  const url = avatarUrl(fileId);
  await replaceAvatar(ctx, { fileId, url });
  return { avatarUrl: url };
}

/** Back to initials. */
export async function removeAvatar(ctx: AccountContext): Promise<void> {
  await replaceAvatar(ctx, null);
}
