import type { VariantProps } from "class-variance-authority";
import type { badgeVariants } from "@/components/ui/badge";
import type { Mail } from "@/lib/db/schema/mail";

export const MAIL_KIND_LABELS: Record<string, string> = {
  invitation: "Invitation",
  password_reset: "Password reset",
  email_change: "Email change",
  notification: "Notification",
  test: "Test",
};

export const MAIL_STATUS: Record<Mail["status"], { label: string; variant: NonNullable<VariantProps<typeof badgeVariants>["variant"]> }> = {
  queued: { label: "Queued", variant: "neutral" },
  sent: { label: "Sent", variant: "success" },
  sandboxed: { label: "Kept here", variant: "primary" },
  failed: { label: "Failed", variant: "destructive" },
};
