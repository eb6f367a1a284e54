"use server";

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { saveNotificationPreferences } from "@/lib/notifications/preferences";
import { notificationPreferencesSchema } from "@/lib/notifications/preferences.validation";
import { removeAvatar, setAvatar } from "@/lib/people/avatar";
import { avatarUploadSchema } from "@/lib/people/avatar.validation";
import { changePassword } from "@/lib/people/password-change";
import { requestPasswordReset, resetPassword } from "@/lib/people/password-reset";
import { confirmEmailChangeSchema, requestPasswordResetSchema, resetPasswordSchema } from "@/lib/people/password-reset.validation";
import { confirmEmailChange, requestEmailChange, updateProfileName } from "@/lib/people/profile";
import { changePasswordSchema, requestEmailChangeSchema, updateProfileNameSchema } from "@/lib/people/profile.validation";
import { accountAction, signedOutAction } from "./account-action";

// The signed-in person's own account. Pages that show the name or avatar re-render on the
// client's router.refresh(); every page is rendered per request, so nothing is cached to revalidate.

export const updateProfileNameAction = accountAction({ schema: updateProfileNameSchema }, updateProfileName);

export const saveNotificationPreferencesAction = accountAction({ schema: notificationPreferencesSchema }, saveNotificationPreferences);

export const setAvatarAction = accountAction({ schema: avatarUploadSchema, limit: { bucket: "avatar.user", max: 30, windowSeconds: 60 * 60, what: "avatar uploads" } }, setAvatar);

export const removeAvatarAction = accountAction({ schema: z.object({}) }, (ctx) => removeAvatar(ctx));

export const requestEmailChangeAction = accountAction(
  { schema: requestEmailChangeSchema, limit: { bucket: "email_change.user", max: 5, windowSeconds: 60 * 60, what: "email changes" } },
  requestEmailChange,
);

export const changePasswordAction = accountAction(
  { schema: changePasswordSchema, limit: { bucket: "password_change.user", max: 10, windowSeconds: 15 * 60, what: "password attempts" } },
  changePassword,
);

// Signed out: the forgot-password form, the reset link's form, the email confirmation link.

export const requestPasswordResetAction = signedOutAction({ schema: requestPasswordResetSchema }, (input, { client }) =>
  requestPasswordReset(getDb(), { ...input, client }),
);

export const resetPasswordAction = signedOutAction({ schema: resetPasswordSchema }, (input) => resetPassword(getDb(), input));

export const confirmEmailChangeAction = signedOutAction({ schema: confirmEmailChangeSchema }, (input) =>
  getDb().transaction((tx) => confirmEmailChange(tx, input)),
);
