/** What Parley mails, by purpose: the sandbox and the audit of sends are read by it. */
export const MAIL_KINDS = ["invitation", "password_reset", "email_change", "notification", "test"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** One mail: always both an HTML and a plain-text body (clients that show text only get words, not tags). */
export type MailMessage = { kind: MailKind; to: string; subject: string; html: string; text: string };
