import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as unsubscribeRoute, GET as unsubscribePage } from "@/app/api/email/unsubscribe/route";
import { POST as startConversationRoute } from "@/app/api/v1/conversations/route";
import { call, errorCode } from "@/lib/api/__tests__/api-fixtures";
import { createApiKey } from "@/lib/api/api-keys";
import { API_SCOPES } from "@/lib/api/scopes";
import { hashSecretToken } from "@/lib/auth/secret-token";
import { getDb } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { contactChannelConsent, emailSuppressions } from "@/lib/db/schema/email";
import { readEmailConfig } from "@/lib/email/channel-config";
import { createEmailChannel, updateEmailChannel } from "@/lib/email/email-channels";
import type { EmailChannelInput } from "@/lib/email/email-channels.validation";
import { SafeError } from "@/lib/errors";
import { runService } from "@/lib/services/run-service";
import { asMember } from "@/lib/testing/service-scope";
import { startSmtpReceiver } from "@/lib/testing/smtp-receiver";
import { useTestDatabase } from "@/lib/testing/test-database";
import { publishWorkflow } from "@/lib/workflow/service/publish";
import { createWorkflow, saveDraft } from "@/lib/workflow/service/workflows";
import { reengagementGraph } from "@/lib/workflow/testing/graph-fixtures";
import { useWorkspaceWithWorker } from "@/lib/workflow/testing/workspace-with-worker";
import { createContacts, createWorkspaceFixture, waitFor } from "@/lib/workflow/testing/workspace-fixture";
import { outboundMessage } from "@/lib/testing/outbound-message";

const { url } = await useTestDatabase();
const { ws } = await useWorkspaceWithWorker(url);
let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;

beforeAll(async () => {
  receiver = await startSmtpReceiver();
  process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
  await receiver.close();
});

const admin = () => asMember(ws.workspaceId, ws.builderId);
// A reply domain belongs to one channel: each channel of these tests gets its own.
let channelCount = 0;
function channelInput(overrides: Partial<EmailChannelInput> = {}): EmailChannelInput {
  const port = Number(new URL(receiver.url).port);
  channelCount += 1;
  return {
    name: "Support email",
    fromAddress: "support@acme.example",
    fromNamePattern: "",
    replyDomain: `reply${channelCount}.acme.example`,
    ratePerSecond: 50,
    transport: { kind: "smtp", host: "127.0.0.1", port, secure: false, username: "", password: "" },
    ...overrides,
  };
}

async function publishGraph(graph: unknown) {
  const { workflowId, revision } = await runService(await admin(), createWorkflow, { name: `Email ${Math.random()}` });
  await runService(await admin(), saveDraft, { workflowId, graph, expectedRevision: revision });
  await runService(await admin(), publishWorkflow, { workflowId });
  return workflowId;
}

describe("email channels in Settings › Conversations", () => {
  it("shows the inbound secret once and keeps only its hash; the From name pattern defaults", async () => {
    const { channelId, inboundSecret } = await runService(await admin(), createEmailChannel, channelInput({ transport: { kind: "sandbox" } }));
    const [row] = await getDb().select().from(channels).where(eq(channels.id, channelId));
    expect(row!.kind).toBe("email");
    const config = readEmailConfig(row!.config)!;
    expect(config.fromNamePattern).toBe("{sender} from {workspace}");
    expect(config.inboundSecretHash).toBe(hashSecretToken(inboundSecret));
    expect(JSON.stringify(row!.config)).not.toContain(inboundSecret);
  });

  it("refuses a channel SMTP server on a private address, and keeps a stored password left blank", async () => {
    delete process.env.WEBHOOK_ALLOWED_HOSTS;
    const refused = await runService(await admin(), createEmailChannel, channelInput({ transport: { kind: "smtp", host: "10.0.0.8", port: 25, secure: false, username: "", password: "" } })).catch((e: unknown) => e);
    process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
    expect(refused).toBeInstanceOf(SafeError);
    expect((refused as SafeError).code).toBe("invalid_destination");

    const withPassword = channelInput({ transport: { kind: "smtp", host: "127.0.0.1", port: 2525, secure: false, username: "u", password: "p4ssw0rd" } });
    const { channelId } = await runService(await admin(), createEmailChannel, withPassword);
    await runService(await admin(), updateEmailChannel, { ...withPassword, channelId, name: "Renamed", transport: { ...withPassword.transport, password: "" } as EmailChannelInput["transport"] });
    const [row] = await getDb().select().from(channels).where(eq(channels.id, channelId));
    expect(row!.name).toBe("Renamed");
    expect(readEmailConfig(row!.config)!.transport).toMatchObject({ kind: "smtp", username: "u", password: "p4ssw0rd" });
  });
});

describe("a reply domain belongs to one email channel on the install", () => {
  it("refuses another workspace's channel (or an edit) at a reply domain already taken, whatever its case", async () => {
    const taken = channelInput({ transport: { kind: "sandbox" } });
    const { channelId: first } = await runService(await admin(), createEmailChannel, taken);
    const other = await createWorkspaceFixture(getDb());
    const otherAdmin = await asMember(other.workspaceId, other.builderId);
    const refused = await runService(otherAdmin, createEmailChannel, { ...taken, replyDomain: taken.replyDomain.toUpperCase() }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SafeError);
    expect(refused).toMatchObject({ code: "reply_domain_taken", details: { field: "replyDomain" } });

    const own = channelInput({ transport: { kind: "sandbox" } });
    const { channelId: second } = await runService(otherAdmin, createEmailChannel, own);
    const edit = await runService(otherAdmin, updateEmailChannel, { ...own, channelId: second, replyDomain: taken.replyDomain }).catch((e: unknown) => e);
    expect(edit).toMatchObject({ code: "reply_domain_taken" });
    // Saving a channel with its own domain unchanged is no clash.
    await runService(await admin(), updateEmailChannel, { ...taken, channelId: first, name: "Still mine" });
  });
});

describe("sending through the install's own mail server", () => {
  it("allows only a From address in MAIL_FROM's domain, at save and again at send", async () => {
    const install = { SMTP_URL: receiver.url, MAIL_FROM: "Parley <parley@acme.example>" };
    // A workspace of its own: this file's workflows run on every contact of the shared one.
    const other = await createWorkspaceFixture(getDb());
    const admin = () => asMember(other.workspaceId, other.builderId);
    // A channel saved while the install had no mail server (its mail went to the sandbox).
    const { channelId } = await runService(await admin(), createEmailChannel, channelInput({ fromAddress: "ceo@bank.example", transport: { kind: "default" } }));
    Object.assign(process.env, install);
    try {
      const refused = await runService(await admin(), createEmailChannel, channelInput({ fromAddress: "ceo@bank.example", transport: { kind: "default" } })).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SafeError);
      expect(refused).toMatchObject({ code: "sender_not_allowed", details: { field: "fromAddress" } });
      await runService(await admin(), createEmailChannel, channelInput({ fromAddress: "Support@Acme.example", transport: { kind: "default" } }));
      // Its own SMTP server may send as anything its credentials allow.
      await runService(await admin(), createEmailChannel, channelInput({ fromAddress: "ceo@bank.example" }));

      const [contactId] = await createContacts(getDb(), other.workspaceId, [{ firstName: "Vic", email: "vic@example.com" }]);
      const { startConversations } = await import("@/lib/conversations/start-conversation");
      const { drainEmailOutbox } = await import("@/lib/email/email-outbox");
      const { asSystem } = await import("@/lib/testing/service-scope");
      const { emailDeliveries } = await import("@/lib/db/schema/email");
      await runService(await asSystem(other.workspaceId), startConversations, {
        conversations: [
          outboundMessage(channelId, contactId!, { text: "Wire the money", sender: { userId: null, name: "CEO" } }),
        ],
      });
      await waitFor(async () => {
        await drainEmailOutbox();
        const [delivery] = await getDb().select().from(emailDeliveries).where(eq(emailDeliveries.channelId, channelId));
        return delivery?.status === "failed" && delivery;
      }, { what: "the delivery to fail" });
      expect(receiver.received.some((mail) => mail.envelopeTo.includes("vic@example.com"))).toBe(false);
    } finally {
      delete process.env.SMTP_URL;
      delete process.env.MAIL_FROM;
    }
  });
});

describe("an email channel's SMTP credentials", () => {
  it("keeps a stored password left blank only for the same host, port and username", async () => {
    const withPassword = channelInput({ transport: { kind: "smtp", host: "127.0.0.1", port: 2525, secure: false, username: "u", password: "p4ssw0rd" } });
    const { channelId } = await runService(await admin(), createEmailChannel, withPassword);
    const asAdmin = await admin();
    const blankFor = (server: { host?: string; port?: number; username?: string }) =>
      runService(asAdmin, updateEmailChannel, { ...withPassword, channelId, transport: { kind: "smtp", host: "127.0.0.1", port: 2525, secure: false, username: "u", ...server, password: "" } }).catch((e: unknown) => e);
    for (const server of [{ host: "localhost" }, { port: Number(new URL(receiver.url).port) }, { username: "someone-else" }]) {
      const refused = await blankFor(server);
      expect(refused).toBeInstanceOf(SafeError);
      expect(refused).toMatchObject({ code: "invalid_input", details: { field: "transport.password" } });
    }
    const [row] = await getDb().select().from(channels).where(eq(channels.id, channelId));
    expect(readEmailConfig(row!.config)!.transport).toMatchObject({ host: "127.0.0.1", port: 2525, username: "u", password: "p4ssw0rd" });
    // The same server (the host's case aside) keeps it.
    await blankFor({ host: "127.0.0.1" });
    const [kept] = await getDb().select().from(channels).where(eq(channels.id, channelId));
    expect(readEmailConfig(kept!.config)!.transport).toMatchObject({ password: "p4ssw0rd" });
  });

  it("are never sent over a connection without TLS", async () => {
    const { SMTPServer } = await import("smtp-server");
    const { channelTransport } = await import("@/lib/email/email-transport");
    const seen: string[] = [];
    // A server that would take credentials in the clear, and offers no STARTTLS.
    const server = new SMTPServer({
      allowInsecureAuth: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onAuth(auth, _session, callback) {
        seen.push(`${auth.username}:${auth.password}`);
        callback(null, { user: auth.username });
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on("end", () => callback());
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.server.address() as { port: number }).port;
    try {
      const transport = await channelTransport({ kind: "smtp", host: "127.0.0.1", port, secure: false, username: "u", password: "p4ssw0rd" });
      if (transport.kind !== "smtp") throw new Error("expected an SMTP transport");
      await expect(transport.transporter.sendMail({ from: "a@acme.example", to: "b@example.com", text: "hi" })).rejects.toThrow();
      expect(seen).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("Start a Conversation on an email channel (PRODUCT.md section 6)", () => {
  it("emails each contact over SMTP with the subject, the Sender as From name, a reply address and one-click unsubscribe; skips the unsubscribed and the bouncing", async () => {
    const { channelId } = await runService(await admin(), createEmailChannel, channelInput());
    const [ada, grace, bo] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Ada", email: "ada@example.com" },
      { firstName: "Grace", email: "grace@example.com" },
      { firstName: "Bo", email: "Bo@Example.com" },
    ]);
    await getDb().insert(contactChannelConsent).values({ workspaceId: ws.workspaceId, contactId: grace!, channelKind: "email", status: "unsubscribed", source: "test" });
    await getDb().insert(emailSuppressions).values({ workspaceId: ws.workspaceId, address: "bo@example.com", reason: "bounce" });

    const workflowId = await publishGraph(
      reengagementGraph({ senderUserId: ws.agentId, assignTeamId: ws.teamId, channelId, subject: 'Hello {{first_name | fallback: "there"}}, checking in' }),
    );
    const mail = await waitFor(async () => receiver.received.find((m) => m.envelopeTo.includes("ada@example.com")), { what: "Ada's email" });
    expect(mail.subject).toBe("Hello Ada, checking in");
    expect(mail.from?.value[0]).toMatchObject({ name: expect.stringMatching(/^Sam Support from W /), address: "support@acme.example" });
    expect(mail.replyTo?.value[0]!.address).toMatch(/^reply\+[0-9a-f]{32}@reply\d+\.acme\.example$/);
    expect(mail.text).toContain("Hi Ada, just checking in");
    expect(mail.html).toContain("Sam Support");
    expect(mail.messageId).toMatch(/@reply\d+\.acme\.example>?$/);
    // The raw header lines (mailparser folds List-* headers into one structure).
    const header = (key: string) => mail.headerLines.find((line) => line.key === key)?.line ?? "";
    const listUnsubscribe = header("list-unsubscribe");
    expect(listUnsubscribe).toContain("/api/email/unsubscribe?");
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

    // Grace (unsubscribed) and Bo (bouncing) got nothing: their runs end with the step skipped and why.
    const runs = await waitFor(async () => {
      const rows = await getDb().execute<{ contact_id: string; status: string; step_status: string | null; step_error: string | null }>(sql`
        SELECT r.contact_id, r.status, s.status AS step_status, s.error AS step_error
        FROM workflow_runs r LEFT JOIN run_steps s ON s.run_id = r.id AND s.node_id = 'start'
        WHERE r.workflow_id = ${workflowId}`);
      return rows.rows.length === 3 && rows.rows.every((row) => row.status !== "running") && rows.rows;
    }, { what: "three runs to settle" });
    expect(runs.find((run) => run.contact_id === grace)).toMatchObject({ status: "completed", step_status: "skipped", step_error: "unsubscribed from email" });
    expect(runs.find((run) => run.contact_id === bo)).toMatchObject({ status: "completed", step_status: "skipped", step_error: "email address is bouncing" });
    expect(runs.find((run) => run.contact_id === ada)).toMatchObject({ status: "waiting" });
    const recipients = receiver.received.flatMap((m) => m.envelopeTo.map((to) => to.toLowerCase()));
    expect(recipients).not.toContain("grace@example.com");
    expect(recipients).not.toContain("bo@example.com");

    // No conversation in the inbox: Ada's is a campaign until she replies.
    const conversations = await getDb().execute<{ contact_id: string; state: string }>(sql`SELECT contact_id, state FROM conversations WHERE workflow_id = ${workflowId}`);
    expect(conversations.rows).toEqual([{ contact_id: ada, state: "campaign" }]);

    // The one-click unsubscribe (RFC 8058): opening the link only shows a page; the POST unsubscribes.
    const link = listUnsubscribe.match(/<(https?:[^>]+)>/)![1]!;
    // Opening it shows the unsubscribe page (an app page; its button posts back to the route).
    const page = await unsubscribePage(new Request(link));
    expect(page.status).toBe(303);
    expect(new URL(page.headers.get("location")!).pathname).toBe("/unsubscribe");
    const consentOf = () => getDb().select().from(contactChannelConsent).where(and(eq(contactChannelConsent.contactId, ada!), eq(contactChannelConsent.channelKind, "email")));
    expect(await consentOf()).toEqual([]);
    const posted = await unsubscribeRoute(new Request(link, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }));
    expect(posted.status).toBe(200);
    expect(await consentOf()).toMatchObject([{ status: "unsubscribed", source: "list-unsubscribe" }]);

    const forged = await unsubscribeRoute(new Request(link.replace(/s=[^&]+/, "s=forged"), { method: "POST", body: "List-Unsubscribe=One-Click" }));
    expect(forged.status).toBe(410);
  });

  it("the API's Start a Conversation on an email channel: the contact's email by default, a Subject with variables", async () => {
    const { channelId } = await runService(await admin(), createEmailChannel, channelInput());
    const [lin] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Lin", email: "lin@example.com" }]);
    const { secret } = await runService(await admin(), createApiKey, { name: "CRM", scopes: [...API_SCOPES] });
    const response = await call(startConversationRoute, {
      path: "/api/v1/conversations",
      key: secret,
      body: { channelId, contact: { id: lin }, subject: "Your order, {{first_name}}", message: "Hi {{first_name}}, it shipped.", senderName: "Acme bot" },
    });
    expect(response.status).toBe(201);
    expect(response.json.conversation).toMatchObject({ state: "campaign", customerDestination: "lin@example.com" });
    const mail = await waitFor(async () => receiver.received.find((m) => m.envelopeTo.includes("lin@example.com")), { what: "Lin's email" });
    expect(mail.subject).toBe("Your order, Lin");
    expect(mail.text).toContain("Hi Lin, it shipped.");
    expect(mail.from?.value[0]!.name).toMatch(/^Acme bot from /);
  });

  it("the API refuses to email an unsubscribed contact (contact_unsubscribed) or a bouncing address (address_bouncing), and starts nothing", async () => {
    const { channelId } = await runService(await admin(), createEmailChannel, channelInput());
    const [una, bea] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Una", email: "una@example.com" },
      { firstName: "Bea", email: "bea@example.com" },
    ]);
    await getDb().insert(contactChannelConsent).values({ workspaceId: ws.workspaceId, contactId: una!, channelKind: "email", status: "unsubscribed", source: "test" });
    await getDb().insert(emailSuppressions).values({ workspaceId: ws.workspaceId, address: "bea@example.com", reason: "bounce" });
    const { secret } = await runService(await admin(), createApiKey, { name: "CRM", scopes: [...API_SCOPES] });
    const start = (contactId: string) =>
      call(startConversationRoute, { path: "/api/v1/conversations", key: secret, body: { channelId, contact: { id: contactId }, subject: "Hello", message: "Hi there", senderName: "Acme bot" } });
    const unsubscribed = await start(una!);
    expect(unsubscribed.status).toBe(422);
    expect(errorCode(unsubscribed.json)).toBe("contact_unsubscribed");
    const bouncing = await start(bea!);
    expect(bouncing.status).toBe(422);
    expect(errorCode(bouncing.json)).toBe("address_bouncing");
    const started = await getDb().execute(sql`SELECT id FROM conversations WHERE channel_id = ${channelId}`);
    expect(started.rows).toEqual([]);
  });
});
