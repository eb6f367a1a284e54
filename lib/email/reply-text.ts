import EmailReplyParser from "email-reply-parser";

/**
 * What the contact wrote in a reply, without the quoted history and signature their mail client
 * added (Gmail's "On … wrote:", Outlook's "From: … Sent: …" block, Apple Mail's quoted lines).
 * email-reply-parser (a maintained port of GitHub's and willdurand's parsers, many locales) does
 * the stripping. When stripping would leave nothing (a reply that is only a forward, say), the
 * whole text is kept: the original is downloadable anyway.
 */
export function visibleReplyText(text: string): string {
  const normalized = text.replace(/\r\n?/g, "\n");
  const visible = new EmailReplyParser().parseReply(normalized).trim();
  return visible || normalized.trim();
}
