import { deliveryStatusNotification } from "@/lib/testing/delivery-status-notification";
import { and, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { emailDeliveries, emailSuppressions } from "@/lib/db/schema/email";
import { startConversations } from "@/lib/conversations/start-conversation";
import { createEmailChannel } from "@/lib/email/email-channels";
import { drainEmailOutbox } from "@/lib/email/email-outbox";
import { startSmtpListener, type SmtpListener } from "@/lib/email/smtp-listener";
import { runService } from "@/lib/services/run-service";
import { asMember, asSystem } from "@/lib/testing/service-scope";
import { startSmtpReceiver } from "@/lib/testing/smtp-receiver";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture, waitFor } from "@/lib/workflow/testing/workspace-fixture";
import { outboundMessage } from "@/lib/testing/outbound-message";

await useTestDatabase();

const REPLY_DOMAIN = "bounces.acme.example";
let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
let listener: SmtpListener;

beforeAll(async () => {
  receiver = await startSmtpReceiver();
  listener = await startSmtpListener({ port: 0, host: "127.0.0.1" });
  process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
  await listener.close();
  await receiver.close();
});

async function sendToListener(raw: Buffer, to: string) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: listener.port, secure: false, ignoreTLS: true });
  await transport.sendMail({ envelope: { from: "", to: [to] }, raw });
}

describe("bounces come back to each email's own envelope sender", () => {
  it("sends with a signed bounce address; only a report to it counts, and it marks only the address that email went to", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
      name: "Bouncy email",
      fromAddress: "hello@acme.example",
      fromNamePattern: "",
      replyDomain: REPLY_DOMAIN,
      ratePerSecond: 100,
      transport: { kind: "smtp", host: "127.0.0.1", port: Number(new URL(receiver.url).port), secure: false, username: "", password: "" },
    });
    const [ada] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada", email: "ada@example.com" }]);
    await runService(await asSystem(ws.workspaceId), startConversations, {
      conversations: [
        outboundMessage(channelId, ada!),
      ],
    });
    await drainEmailOutbox();
    const mail = await waitFor(async () => receiver.received.find((m) => m.envelopeTo.includes("ada@example.com")), { what: "Ada's email" });
    const [delivery] = await getDb().select({ id: emailDeliveries.id }).from(emailDeliveries).where(eq(emailDeliveries.channelId, channelId));
    expect(mail.envelopeFrom).toMatch(new RegExp(`^bounce\\+${delivery!.id}-[0-9a-f]{24}@bounces\\.acme\\.example$`));
    expect(mail.from?.value[0]!.address).toBe("hello@acme.example");
    const suppressed = () => getDb().select({ address: emailSuppressions.address }).from(emailSuppressions).where(and(eq(emailSuppressions.workspaceId, ws.workspaceId)));

    // Forged: a report to another address of the domain, or to a bounce address with a wrong signature.
    await sendToListener(deliveryStatusNotification(`hello@${REPLY_DOMAIN}`, ["ada@example.com"]), `hello@${REPLY_DOMAIN}`);
    const forgedAddress = `bounce+${delivery!.id}-${"0".repeat(24)}@${REPLY_DOMAIN}`;
    await sendToListener(deliveryStatusNotification(forgedAddress, ["ada@example.com"]), forgedAddress);
    expect(await suppressed()).toEqual([]);

    // The real bounce, even if it names other addresses, marks only Ada's.
    await sendToListener(deliveryStatusNotification(mail.envelopeFrom, ["ada@example.com", "victim@example.com"]), mail.envelopeFrom);
    expect(await suppressed()).toEqual([{ address: "ada@example.com" }]);
  });
});
