import nodemailer, { type Transporter } from "nodemailer";
import { readEnv } from "@/lib/env";

export type MailTransport = { kind: "smtp"; transporter: Transporter; from: string } | { kind: "sandbox" };

// One transporter per process and SMTP_URL: nodemailer pools nothing by default, and this keeps
// the parsing of the URL in one place.
let cached: { url: string; transport: MailTransport } | null = null;

/**
 * Where mail goes: the SMTP server of SMTP_URL (trusted: the operator set it) from MAIL_FROM, or,
 * without SMTP_URL, the mail sandbox (the database, shown in Settings › Mail sandbox).
 */
export function mailTransport(): MailTransport {
  const env = readEnv();
  if (!env.SMTP_URL) return { kind: "sandbox" };
  if (cached?.url === env.SMTP_URL) return cached.transport;
  const from = env.MAIL_FROM ?? `Parley <parley@${new URL(env.SMTP_URL).hostname}>`;
  const transport: MailTransport = { kind: "smtp", transporter: nodemailer.createTransport(env.SMTP_URL), from };
  cached = { url: env.SMTP_URL, transport };
  return transport;
}
