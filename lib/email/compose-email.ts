import type Mail from "nodemailer/lib/mailer";
import { escapeHtml } from "@/lib/rich-text/html-serializer";
import { absoluteAppUrl } from "@/lib/urls/app-link";
import { fromName, replyAddress, type EmailChannelConfig } from "./channel-config";

export type OutgoingEmail = {
  config: EmailChannelConfig;
  workspaceName: string;
  to: string;
  /** The message's author as contacts see them (the Sender, or the agent replying). */
  senderName: string | null;
  senderAvatarUrl: string | null;
  replyToken: string;
  subject: string;
  /** A reply in a thread that already has mail: "Re:" and the thread's headers. */
  isReply: boolean;
  rfcMessageId: string;
  /** Earlier Message-IDs of the thread, oldest first: References, the last one In-Reply-To. */
  references: readonly string[];
  html: string;
  text: string;
  unsubscribeUrl: string | null;
  /** The envelope sender (bounce-address.ts): where this email's bounces come back. */
  bounceAddress: string;
  /** A workflow's first email where the workspace tracks opens (lib/outreach-status): a 1×1 image. */
  openPixelUrl?: string | null;
};

/** The Message-ID of a Parley message: derived from it, so a retried send reuses it. */
export function rfcMessageIdFor(messageId: string, config: Pick<EmailChannelConfig, "replyDomain">): string {
  return `<${messageId}@${config.replyDomain}>`;
}

export function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject : `Re: ${subject}`;
}

/**
 * The email Parley sends for one message: From name per the channel's pattern, Reply-To the
 * conversation's reply address, the thread's headers, and for campaigns a one-click
 * List-Unsubscribe (RFC 8058). The body is the message's own HTML and text (rendered once, by
 * the rich-text renderer), signed with the sender's name and avatar.
 */
export function composeEmail(email: OutgoingEmail): Mail.Options {
  const name = fromName(email.config.fromNamePattern, { sender: email.senderName, workspace: email.workspaceName });
  const signer = email.senderName?.trim() || email.workspaceName;
  // An uploaded avatar's URL is a path on Parley: a mail client needs it absolute to show it.
  const avatarUrl = email.senderAvatarUrl ? absoluteAppUrl(email.senderAvatarUrl) : null;
  const avatar = avatarUrl
    ? `<img src="${escapeHtml(avatarUrl)}" alt="" width="32" height="32" style="border-radius:16px;vertical-align:middle;margin-right:8px">`
    : "";
  const unsubscribeHtml = email.unsubscribeUrl
    ? `<p style="margin:24px 0 0;font-size:12px;color:#6b7280"><a href="${escapeHtml(email.unsubscribeUrl)}" style="color:#6b7280">Unsubscribe</a> from these emails.</p>`
    : "";
  const html =
    `<!doctype html><html><head><meta charset="utf-8"></head>` +
    `<body style="margin:0;padding:16px;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#111827">` +
    `<div style="max-width:600px">${email.html}` +
    `<p style="margin:24px 0 0;color:#374151">${avatar}${escapeHtml(signer)}</p>${unsubscribeHtml}</div>` +
    (email.openPixelUrl ? `<img src="${escapeHtml(email.openPixelUrl)}" alt="" width="1" height="1" style="display:block;width:1px;height:1px;border:0">` : "") +
    `</body></html>`;
  const text = `${email.text}\n\n— ${signer}${email.unsubscribeUrl ? `\n\nUnsubscribe: ${email.unsubscribeUrl}` : ""}\n`;
  const last = email.references.at(-1);
  return {
    from: { name, address: email.config.fromAddress },
    to: email.to,
    envelope: { from: email.bounceAddress, to: email.to },
    replyTo: replyAddress(email.config, email.replyToken),
    subject: email.isReply ? replySubject(email.subject) : email.subject,
    messageId: email.rfcMessageId,
    ...(last ? { inReplyTo: last, references: [...email.references] } : {}),
    html,
    text,
    ...(email.unsubscribeUrl
      ? { list: { unsubscribe: { url: email.unsubscribeUrl, comment: "Unsubscribe" } }, headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } }
      : {}),
  };
}
