import { readEnv } from "@/lib/env";

/** How Parley delivers mail, for people to read (the SMTP URL's host only: it may hold a password). */
export function mailDeliverySummary(): { mode: "sandbox" } | { mode: "smtp"; host: string; from: string | null } {
  const env = readEnv();
  if (!env.SMTP_URL) return { mode: "sandbox" };
  return { mode: "smtp", host: new URL(env.SMTP_URL).host, from: env.MAIL_FROM ?? null };
}
