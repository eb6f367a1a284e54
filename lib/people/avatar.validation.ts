import { z } from "zod";

/** The profile form's upload: a FormData whose "avatar" field is the chosen file. */
export const avatarUploadSchema = z.instanceof(FormData).transform((form, ctx) => {
  const file = form.get("avatar");
  if (!(file instanceof Blob)) {
    ctx.addIssue({ code: "custom", message: "Choose an image to upload.", path: ["avatar"] });
    return z.NEVER;
  }
  return { file };
});

export type AvatarUploadInput = z.infer<typeof avatarUploadSchema>;
