import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { visibleReplyText } from "@/lib/email/reply-text";
import { replyFixture, type ReplyFixture } from "./reply-fixtures";

const fields = { from: "someone@example.com", to: "reply+0123456789abcdef0123456789abcdef@reply.acme.example", subject: "Checking in", messageId: "<x@example.com>", inReplyTo: "<m@reply.acme.example>" };

async function visible(name: ReplyFixture) {
  const mail = await simpleParser(replyFixture(name, fields));
  return visibleReplyText(mail.text ?? "");
}

describe("visibleReplyText: what the contact wrote, without the quoted history and signature", () => {
  it("Gmail: drops the signature after '-- ' and the 'On … wrote:' quote", async () => {
    expect(await visible("gmail-reply")).toBe("Thanks for checking in! Could you resend last month's invoice?");
  });

  it("Outlook: drops the '____ From: … Sent: …' block and the message under it", async () => {
    expect(await visible("outlook-reply")).toBe("Yes please, call me tomorrow morning.");
  });

  it("Apple Mail: drops 'Sent from my iPhone' and the quoted lines", async () => {
    expect(await visible("apple-mail-reply")).toBe("Sounds good, see you Thursday.");
  });

  it("keeps a message that is all text, and keeps the whole text when stripping would leave nothing", () => {
    expect(visibleReplyText("Hello\r\nthere")).toBe("Hello\nthere");
    expect(visibleReplyText("> only a quote")).toBe("> only a quote");
  });
});
