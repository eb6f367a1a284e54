import { appLink } from "@/lib/urls/app-link";

export const passwordResetLink = (token: string) => appLink(`/reset-password?token=${encodeURIComponent(token)}`);
export const emailChangeLink = (token: string) => appLink(`/confirm-email?token=${encodeURIComponent(token)}`);
