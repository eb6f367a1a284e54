import { readFileSync } from "node:fs";
import path from "node:path";

export type ReplyFixture = "gmail-reply" | "outlook-reply" | "apple-mail-reply";

/** A reply as Gmail, Outlook or Apple Mail writes it (fixtures/*.eml), with this thread's headers filled in. */
export function replyFixture(
  name: ReplyFixture,
  fields: { from: string; to: string; subject: string; messageId: string; inReplyTo?: string; references?: string },
): Buffer {
  const template = readFileSync(path.join(import.meta.dirname, "fixtures", `${name}.eml`), "utf8");
  const filled = template
    .replaceAll("{{FROM}}", fields.from)
    .replaceAll("{{TO}}", fields.to)
    .replaceAll("{{SUBJECT}}", fields.subject)
    .replaceAll("{{MESSAGE_ID}}", fields.messageId)
    .replaceAll("{{IN_REPLY_TO}}", fields.inReplyTo ?? "")
    .replaceAll("{{REFERENCES}}", fields.references ?? fields.inReplyTo ?? "")
    // A header left empty is dropped, as a client without a thread would leave it out.
    .replace(/^(In-Reply-To|References): *\n/gim, "");
  return Buffer.from(filled.replace(/\r?\n/g, "\r\n"), "utf8");
}
