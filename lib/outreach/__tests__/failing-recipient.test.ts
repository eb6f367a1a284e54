import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createEmailChannel } from "@/lib/email/email-channels";
import { drainEmailOutbox } from "@/lib/email/email-outbox";
import { runService } from "@/lib/services/run-service";
import { createSmsChannel } from "@/lib/sms/channels";
import { drainSmsOutbox } from "@/lib/sms/sms-outbox";
import { startReceiver } from "@/lib/testing/http-receiver";
import { asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { enterAndAdvance } from "@/lib/workflow/engine/advance-runs";
import { reengagementGraph } from "@/lib/workflow/testing/graph-fixtures";
import { publishGraph } from "@/lib/workflow/testing/scenario";
import { createContacts, createWorkspaceFixture, type WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

// One recipient the provider refuses (a bad number; a mailbox the server rejects) must not stop
// the campaign for the others: the fan-out, then the outbox, run for real against a provider.
await useTestDatabase();

const BAD_NUMBER = "+14155550999";
const BAD_ADDRESS = "nobody@acme.example";
let twilio: Awaited<ReturnType<typeof startReceiver>>;
let smtp: SMTPServer;
let smtpPort = 0;
const delivered: string[] = [];

beforeAll(async () => {
  process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
  // A Twilio-compatible API that refuses one number with a 400, as Twilio does (code 21211).
  twilio = await startReceiver("127.0.0.1", (request) =>
    new URLSearchParams(request.body).get("To") === BAD_NUMBER
      ? { status: 400, body: JSON.stringify({ code: 21211, message: "Invalid 'To' Phone Number" }), headers: { "Content-Type": "application/json" } }
      : { status: 201, body: JSON.stringify({ sid: `SM${Math.random().toString(36).slice(2)}`, status: "queued" }), headers: { "Content-Type": "application/json" } },
  );
  // An SMTP server that rejects one mailbox at RCPT TO (550) and takes the rest.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === BAD_ADDRESS) callback(Object.assign(new Error("No such user here"), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        delivered.push(...session.envelope.rcptTo.map((rcpt) => rcpt.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
  await twilio.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function fanOut(ws: WorkspaceFixture, channelId: string, contactIds: readonly string[], subject?: string) {
  const published = await publishGraph(ws.workspaceId, ws.builderId, reengagementGraph({ senderUserId: ws.agentId, channelId, subject, text: "Hi {{first_name}}" }));
  await getDb().transaction((tx) =>
    enterAndAdvance(
      tx,
      { workspaceId: ws.workspaceId, plan: "enterprise", workflowId: published.workflowId, versionId: published.versionId, triggerNodeId: "trigger" },
      contactIds.map((contactId) => ({ contactId, triggerKey: `audience:${contactId}` })),
    ),
  );
}

describe("one failing recipient never stops the others", () => {
  it("SMS: the provider's 400 for one number fails that text alone, with the reason; the others are sent", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createSmsChannel, {
      name: "Twilio",
      config: { provider: "twilio", fromNumber: "+14155550110", accountSid: "AC123", authToken: "twilio-test-token", baseUrl: `http://127.0.0.1:${twilio.port}` },
    });
    const phones = ["+14155550101", BAD_NUMBER, "+14155550102", "+14155550103"];
    const contacts = await createContacts(getDb(), ws.workspaceId, phones.map((phone, i) => ({ firstName: `P${i}`, phone })));
    await fanOut(ws, channelId, contacts);
    await drainSmsOutbox();
    const rows = await getDb().execute<{ to_number: string; status: string; error: string | null }>(sql`
      SELECT to_number, status, error FROM sms_deliveries WHERE channel_id = ${channelId} ORDER BY to_number`);
    expect(rows.rows.map((row) => [row.to_number, row.status])).toEqual([
      ["+14155550101", "sent"],
      ["+14155550102", "sent"],
      ["+14155550103", "sent"],
      [BAD_NUMBER, "failed"],
    ]);
    expect(rows.rows[3]!.error).toMatch(/Invalid 'To' Phone Number/);
  });

  it("email: the server's 550 for one mailbox fails that email alone, with the reason; the others are sent", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const { channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
      name: "Email",
      fromAddress: "support@acme.example",
      fromNamePattern: "",
      replyDomain: "reply.acme.example",
      ratePerSecond: 50,
      transport: { kind: "smtp", host: "127.0.0.1", port: smtpPort, secure: false, username: "", password: "" },
    });
    const addresses = ["ann@acme.example", BAD_ADDRESS, "bob@acme.example", "cy@acme.example"];
    const contacts = await createContacts(getDb(), ws.workspaceId, addresses.map((email, i) => ({ firstName: `E${i}`, email })));
    await fanOut(ws, channelId, contacts, "Hello");
    await drainEmailOutbox();
    const rows = await getDb().execute<{ to_address: string; status: string; error: string | null }>(sql`
      SELECT to_address, status, error FROM email_deliveries WHERE channel_id = ${channelId} ORDER BY to_address`);
    expect(rows.rows.map((row) => [row.to_address, row.status])).toEqual([
      ["ann@acme.example", "sent"],
      ["bob@acme.example", "sent"],
      ["cy@acme.example", "sent"],
      [BAD_ADDRESS, "failed"],
    ]);
    expect(rows.rows[3]!.error).toMatch(/No such user here|550/);
    expect(delivered.sort()).toEqual(["ann@acme.example", "bob@acme.example", "cy@acme.example"]);
  });
});
