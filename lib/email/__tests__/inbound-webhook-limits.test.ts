import { eq } from "drizzle-orm";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { emailMessages } from "@/lib/db/schema/email";
import { createEmailChannel } from "@/lib/email/email-channels";
import { MAX_INBOUND_EMAIL_BYTES } from "@/lib/email/inbound-email";
import { runService } from "@/lib/services/run-service";
import { asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

const { config: proxyConfig } = await import("@/proxy");
const { POST: inboundWebhook } = await import("@/app/api/email/[channelId]/inbound/route");

await useTestDatabase();

let channelId: string;
let inboundSecret: string;

beforeAll(async () => {
  const ws = await createWorkspaceFixture(getDb());
  ({ channelId, inboundSecret } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
    name: "Webhook email",
    fromAddress: "hello@acme.example",
    fromNamePattern: "",
    replyDomain: "webhook.acme.example",
    ratePerSecond: 10,
    transport: { kind: "sandbox" },
  }));
});

const post = (body: BodyInit, contentType: string) =>
  inboundWebhook(new Request(`http://localhost/api/email/${channelId}/inbound`, { method: "POST", headers: { "Content-Type": contentType, Authorization: `Bearer ${inboundSecret}` }, body }), {
    params: Promise.resolve({ channelId }),
  });

/** A raw email of exactly `bytes` bytes. */
function emailOf(bytes: number, messageId: string): Buffer {
  const head = `From: Ada <ada@example.com>\r\nTo: hello@webhook.acme.example\r\nSubject: Big\r\nMessage-ID: ${messageId}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), Buffer.alloc(bytes - head.length, "a")]);
}

describe("the inbound email webhook's body", () => {
  it("is not buffered (and cut at 10 MB) by the proxy: the route reads it itself", () => {
    expect(unstable_doesMiddlewareMatch({ config: proxyConfig, url: `/api/email/${channelId}/inbound` })).toBe(false);
    // A route that needs a session still goes through it (lib/__tests__/proxy.test.ts has the rest).
    expect(unstable_doesMiddlewareMatch({ config: proxyConfig, url: "/api/workspaces/w1/contacts" })).toBe(true);
  });

  it("stores an email of exactly 10 MB whole, and refuses one byte more with 413 payload_too_large", async () => {
    const exact = emailOf(MAX_INBOUND_EMAIL_BYTES, "<exact@example.com>");
    expect((await post(new Uint8Array(exact), "message/rfc822")).status).toBe(200);
    const tooBig = await post(new Uint8Array(emailOf(MAX_INBOUND_EMAIL_BYTES + 1, "<over@example.com>")), "message/rfc822");
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error.code).toBe("payload_too_large");
    const stored = await getDb().select({ rfcMessageId: emailMessages.rfcMessageId }).from(emailMessages).where(eq(emailMessages.channelId, channelId));
    expect(stored).toEqual([{ rfcMessageId: "<exact@example.com>" }]);
  });

  it("refuses a form too large (413) or unreadable (400), never a 500", async () => {
    const form = new FormData();
    form.set("body-mime", new Blob([new Uint8Array(emailOf(MAX_INBOUND_EMAIL_BYTES + 300 * 1024, "<form-big@example.com>"))]));
    const encoded = new Request("http://localhost/", { method: "POST", body: form });
    const tooBig = await post(new Uint8Array(await encoded.arrayBuffer()), encoded.headers.get("content-type")!);
    expect(tooBig.status).toBe(413);
    const broken = await post("--nope\r\nnot a form", "multipart/form-data; boundary=elsewhere");
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe("invalid_input");
  });
});
