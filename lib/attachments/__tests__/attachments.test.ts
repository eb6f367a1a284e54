import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { randomBytes, randomUUID } = await import("node:crypto");
const { sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { chatScope, findChatChannel, openChatSession } = await import("@/lib/chat/chat-session");
const { CHAT_SESSION_HEADER } = await import("@/lib/chat/chat-session-header");
const { runService } = await import("@/lib/services/run-service");
const { asMember } = await import("@/lib/testing/service-scope");
const { signInAs } = await import("@/lib/testing/session-mock");
const { postAgentMessage } = await import("@/lib/conversations/agent-actions");
const { textToDocument } = await import("@/lib/rich-text/document-schema");
const { listThreadPage } = await import("@/lib/db/queries/conversation-thread");
const { listChatMessages } = await import("@/lib/db/queries/chat-messages");
const { readConversation } = await import("@/lib/api/read-conversation");
const { signedAttachmentPath } = await import("@/lib/attachments/attachment-url");
const { sweepUnsentUploads } = await import("@/lib/attachments/sweep-unsent");
const { stopLiveListener } = await import("@/lib/live/listener");
const { TINY_PNG, integrateChannels } = await import("@/lib/contacts/__tests__/contact-footprint");
const chatUpload = await import("@/app/api/chat/[channelId]/attachments/route");
const chatDownload = await import("@/app/api/chat/[channelId]/attachments/[attachmentId]/route");
const chatMessages = await import("@/app/api/chat/[channelId]/messages/route");
const agentUpload = await import("@/app/api/workspaces/[workspaceId]/conversations/[conversationId]/attachments/route");
const agentDownload = await import("@/app/api/workspaces/[workspaceId]/attachments/[attachmentId]/route");
const signedDownload = await import("@/app/api/attachments/[attachmentId]/route");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
let ws: Fixture;
let other: Fixture;

const BASE = "http://parley.test";
const HTML = Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');

async function openSession(channelId: string) {
  const chat = (await findChatChannel(channelId))!;
  const opened = await runService(chatScope(chat, null), openChatSession, { channel: chat, identity: { kind: "anonymous" }, cookieToken: null });
  if (!opened.ok) throw new Error("refused");
  return { token: opened.context.token, contactId: opened.context.session.contactId, sessionId: opened.context.session.id, channelId };
}
type Session = Awaited<ReturnType<typeof openSession>>;

/** A body the server cannot size beforehand (no Content-Length): it must count as it reads. */
function streamOf(bytes: Uint8Array, chunk = 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunk));
      offset += chunk;
    },
  });
}

function uploadRequest(url: string, bytes: Uint8Array, headers: Record<string, string>, options: { streamed?: boolean } = {}) {
  return new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/octet-stream", ...(options.streamed ? {} : { "Content-Length": String(bytes.byteLength) }), ...headers },
    body: options.streamed ? streamOf(bytes) : bytes,
    duplex: "half",
  } as RequestInit);
}

async function contactUploads(session: Session, name: string, bytes: Uint8Array, options: { streamed?: boolean } = {}) {
  const response = await chatUpload.POST(
    uploadRequest(`${BASE}/api/chat/${session.channelId}/attachments?name=${encodeURIComponent(name)}`, bytes, { [CHAT_SESSION_HEADER]: session.token }, options),
    { params: Promise.resolve({ channelId: session.channelId }) },
  );
  return { status: response.status, body: (await response.json()) as { attachment?: { id: string; contentType: string }; error?: { code: string; message: string } } };
}

async function contactSends(session: Session, text: string, attachmentIds: string[]) {
  const response = await chatMessages.POST(
    new Request(`${BASE}/api/chat/${session.channelId}/messages`, {
      method: "POST",
      headers: { [CHAT_SESSION_HEADER]: session.token, "Content-Type": "application/json" },
      body: JSON.stringify({ text, clientId: randomUUID(), attachmentIds }),
    }),
    { params: Promise.resolve({ channelId: session.channelId }) },
  );
  return { status: response.status, body: (await response.json()) as { messageId?: string; error?: { code: string } } };
}

function chatGet(session: Session, attachmentId: string) {
  return chatDownload.GET(new Request(`${BASE}/api/chat/${session.channelId}/attachments/${attachmentId}`, { headers: { [CHAT_SESSION_HEADER]: session.token } }), {
    params: Promise.resolve({ channelId: session.channelId, attachmentId }),
  });
}

function agentGet(userId: string, workspaceId: string, attachmentId: string) {
  signInAs({ id: userId });
  return agentDownload.GET(new Request(`${BASE}/api/workspaces/${workspaceId}/attachments/${attachmentId}`), { params: Promise.resolve({ workspaceId, attachmentId }) });
}

function signedGet(pathAndQuery: string) {
  const url = new URL(pathAndQuery, BASE);
  const attachmentId = url.pathname.split("/").pop()!;
  return signedDownload.GET(new Request(url), { params: Promise.resolve({ attachmentId }) });
}

async function conversationOf(messageId: string): Promise<string> {
  const rows = await getDb().execute<{ conversation_id: string }>(sql`SELECT conversation_id FROM messages WHERE id = ${messageId}`);
  return rows.rows[0]!.conversation_id;
}

let alice: Session;
let bob: Session;
let aliceImage: string;
let aliceConversation: string;

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  other = await createWorkspaceFixture(getDb());
  alice = await openSession(ws.chatChannelId);
  bob = await openSession(ws.chatChannelId);
  const uploaded = await contactUploads(alice, "screenshot.png", TINY_PNG);
  expect(uploaded.status).toBe(201);
  aliceImage = uploaded.body.attachment!.id;
  const sent = await contactSends(alice, "", [aliceImage]);
  expect(sent.status).toBe(201);
  aliceConversation = await conversationOf(sent.body.messageId!);
});

afterAll(async () => {
  delete process.env.PARLEY_ATTACHMENT_MAX_BYTES;
  await stopLiveListener();
});

describe("a contact's image", () => {
  it("reaches the agent's thread as an image attachment, the message reading as its name", async () => {
    const page = await listThreadPage(ws.workspaceId, aliceConversation);
    const message = page.messages.at(-1)!;
    expect(message.html).toContain("screenshot.png");
    expect(message.attachments).toEqual([
      { id: aliceImage, fileName: "screenshot.png", contentType: "image/png", byteSize: TINY_PNG.byteLength, url: `/api/workspaces/${ws.workspaceId}/attachments/${aliceImage}` },
    ]);
  });

  it("is served to an agent of the workspace inline, as a PNG, with nosniff", async () => {
    const response = await agentGet(ws.agentId, ws.workspaceId, aliceImage);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-disposition")).toMatch(/^inline; filename="screenshot.png"/);
    expect(Buffer.from(await response.arrayBuffer()).equals(TINY_PNG)).toBe(true);
  });

  it("is 404 to an agent of another workspace, by either workspace's path", async () => {
    expect((await agentGet(other.agentId, ws.workspaceId, aliceImage)).status).toBe(404);
    expect((await agentGet(other.agentId, other.workspaceId, aliceImage)).status).toBe(404);
  });

  it("is served to its own contact's chat session, and is 404 to another contact's", async () => {
    expect((await chatGet(alice, aliceImage)).status).toBe(200);
    expect((await chatGet(bob, aliceImage)).status).toBe(404);
    expect((await listChatMessages({ workspaceId: ws.workspaceId, channelId: bob.channelId, contactId: bob.contactId, sessionId: bob.sessionId })).flatMap((m) => m.attachments)).toEqual([]);
  });

  it("cannot be sent again by another contact: naming someone else's upload refuses the send", async () => {
    const pending = await contactUploads(alice, "draft.png", TINY_PNG);
    const refused = await contactSends(bob, "look", [pending.body.attachment!.id]);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe("invalid_input");
    expect((await chatGet(bob, pending.body.attachment!.id)).status).toBe(404);
    // Alice may still send it; once sent it cannot be sent twice.
    expect((await contactSends(alice, "here", [pending.body.attachment!.id])).status).toBe(201);
    expect((await contactSends(alice, "again", [pending.body.attachment!.id])).status).toBe(400);
  });

  it("is on the chat page with a signed URL that works without a session until it expires; a tampered one is 404", async () => {
    const messages = await listChatMessages({ workspaceId: ws.workspaceId, channelId: alice.channelId, contactId: alice.contactId, sessionId: alice.sessionId });
    const url = messages.flatMap((m) => m.attachments).find((a) => a.id === aliceImage)!.url;
    expect((await signedGet(url)).status).toBe(200);
    expect((await signedGet(url.replace("signature=", "signature=x"))).status).toBe(404);
    expect((await signedGet(url.replace(aliceImage, randomUUID()))).status).toBe(404);
    const expired = signedAttachmentPath(aliceImage, 60, new Date(Date.now() - 3_600_000));
    expect((await signedGet(expired)).status).toBe(404);
    expect((await signedGet(`/api/attachments/${aliceImage}`)).status).toBe(404);
  });
});

describe("an agent's file", () => {
  it("goes back to the contact: shown on their chat page and downloadable by their session", async () => {
    signInAs({ id: ws.agentId });
    const response = await agentUpload.POST(
      uploadRequest(`${BASE}/api/workspaces/${ws.workspaceId}/conversations/${aliceConversation}/attachments?name=reply.png`, TINY_PNG, {}),
      { params: Promise.resolve({ workspaceId: ws.workspaceId, conversationId: aliceConversation }) },
    );
    expect(response.status).toBe(201);
    const { attachment } = (await response.json()) as { attachment: { id: string } };
    await runService(await asMember(ws.workspaceId, ws.agentId), postAgentMessage, {
      conversationId: aliceConversation, kind: "message", body: textToDocument("Here is the fix"), dedupeKey: randomUUID(), attachmentIds: [attachment.id],
    });
    const messages = await listChatMessages({ workspaceId: ws.workspaceId, channelId: alice.channelId, contactId: alice.contactId, sessionId: alice.sessionId });
    const reply = messages.find((m) => m.html.includes("Here is the fix"))!;
    expect(reply.attachments.map((a) => [a.fileName, a.contentType])).toEqual([["reply.png", "image/png"]]);
    expect((await chatGet(alice, attachment.id)).status).toBe(200);
    expect((await chatGet(bob, attachment.id)).status).toBe(404);
  });

  it("cannot be uploaded into another workspace's conversation (404)", async () => {
    signInAs({ id: other.agentId });
    const response = await agentUpload.POST(
      uploadRequest(`${BASE}/api/workspaces/${ws.workspaceId}/conversations/${aliceConversation}/attachments?name=x.png`, TINY_PNG, {}),
      { params: Promise.resolve({ workspaceId: ws.workspaceId, conversationId: aliceConversation }) },
    );
    expect(response.status).toBe(404);
    const ownPath = await agentUpload.POST(
      uploadRequest(`${BASE}/api/workspaces/${other.workspaceId}/conversations/${aliceConversation}/attachments?name=x.png`, TINY_PNG, {}),
      { params: Promise.resolve({ workspaceId: other.workspaceId, conversationId: aliceConversation }) },
    );
    expect(ownPath.status).toBe(404);
  });
});

describe("the type comes from the bytes", () => {
  it.each([
    ["page.png", HTML],
    ["logo.png", SVG],
    ["photo.jpg", Buffer.from("just some text")],
  ])("%s whose bytes are not a raster image is stored as a download, never inline", async (name, bytes) => {
    const uploaded = await contactUploads(alice, name, bytes);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.attachment!.contentType).not.toMatch(/^image\/(png|jpeg|gif|webp|svg)/);
    expect(uploaded.body.attachment!.contentType).not.toMatch(/html/);
    const response = await chatGet(alice, uploaded.body.attachment!.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-type")).not.toMatch(/html|svg/);
  });

  it("a PNG named .txt is a PNG", async () => {
    const uploaded = await contactUploads(alice, "notes.txt", TINY_PNG);
    expect(uploaded.body.attachment!.contentType).toBe("image/png");
  });
});

describe("the size limit (PARLEY_ATTACHMENT_MAX_BYTES)", () => {
  it("refuses a file over it with a clear message, by its declared length or as it streams, and stores nothing", async () => {
    process.env.PARLEY_ATTACHMENT_MAX_BYTES = "4096";
    try {
      const before = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM stored_files`);
      const big = Buffer.alloc(5000, 1);
      for (const streamed of [false, true]) {
        const refused = await contactUploads(alice, "big.bin", big, { streamed });
        expect(refused.status).toBe(413);
        expect(refused.body.error).toMatchObject({ code: "payload_too_large", message: "The file is larger than 4 KB, the most that can be attached." });
      }
      const after = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM stored_files`);
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
      expect((await contactUploads(alice, "small.bin", Buffer.alloc(4096, 1), { streamed: true })).status).toBe(201);
    } finally {
      delete process.env.PARLEY_ATTACHMENT_MAX_BYTES;
    }
  });

  it("takes a large upload as it streams, never whole: stored part by part, typed from its first bytes, served back byte for byte", async () => {
    const { FILE_PART_BYTES } = await import("@/lib/storage/file-storage");
    // 8 MB (under the default 10 MB) arriving in 1 KB chunks: a PNG signature, then noise.
    const big = Buffer.concat([TINY_PNG, randomBytes(8 * 1024 * 1024 - TINY_PNG.byteLength)]);
    const uploaded = await contactUploads(alice, "large.png", big, { streamed: true });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.attachment).toMatchObject({ contentType: "image/png", byteSize: big.byteLength });
    const parts = await getDb().execute<{ n: number; largest: number }>(
      sql`SELECT count(*)::int AS n, max(octet_length(p.bytes))::int AS largest FROM stored_file_parts p JOIN message_attachments a ON a.file_id = p.file_id WHERE a.id = ${uploaded.body.attachment!.id}`,
    );
    expect(parts.rows[0]).toEqual({ n: Math.ceil(big.byteLength / FILE_PART_BYTES), largest: FILE_PART_BYTES });
    const download = await chatGet(alice, uploaded.body.attachment!.id);
    expect(download.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await download.arrayBuffer()), big)).toBe(0);
  });

  it("holds no database connection while a slow client is still sending: the body arrives first, then one short transaction stores it", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let waiting!: () => void;
    const isWaiting = new Promise<void>((resolve) => (waiting = resolve));
    let pulls = 0;
    const slowBody = new ReadableStream<Uint8Array>({
      async pull(controller) {
        pulls += 1;
        if (pulls === 1) return controller.enqueue(TINY_PNG.subarray(0, 16));
        // The client pauses mid-file, as a slow link does.
        waiting();
        await released;
        controller.enqueue(TINY_PNG.subarray(16));
        controller.close();
      },
    });
    const upload = chatUpload.POST(
      new Request(`${BASE}/api/chat/${alice.channelId}/attachments?name=slow.png`, {
        method: "POST",
        headers: { [CHAT_SESSION_HEADER]: alice.token, "Content-Type": "application/octet-stream" },
        body: slowBody,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({ channelId: alice.channelId }) },
    );
    await isWaiting;
    const inTransaction = await getDb().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'`,
    );
    expect(inTransaction.rows[0]!.n).toBe(0);
    release();
    const response = await upload;
    expect(response.status).toBe(201);
    const { attachment } = (await response.json()) as { attachment: { id: string; contentType: string; byteSize: number } };
    expect(attachment).toMatchObject({ contentType: "image/png", byteSize: TINY_PNG.byteLength });
  });

  it("refuses a body that is not sent as a file (a cross-site form)", async () => {
    const response = await chatUpload.POST(
      new Request(`${BASE}/api/chat/${alice.channelId}/attachments?name=a.png`, { method: "POST", headers: { [CHAT_SESSION_HEADER]: alice.token, "Content-Type": "multipart/form-data; boundary=x" }, body: TINY_PNG }),
      { params: Promise.resolve({ channelId: alice.channelId }) },
    );
    expect(response.status).toBe(415);
  });
});

describe("uploads nobody sent", () => {
  it("are forgotten after a day, bytes included; sent ones stay", async () => {
    const old = await contactUploads(alice, "forgotten.png", TINY_PNG);
    const fresh = await contactUploads(alice, "just-now.png", TINY_PNG);
    await getDb().execute(sql`UPDATE message_attachments SET created_at = now() - interval '25 hours' WHERE id IN (${old.body.attachment!.id}, ${aliceImage})`);
    await sweepUnsentUploads(getDb());
    const left = await getDb().execute<{ id: string }>(sql`SELECT a.id FROM message_attachments a JOIN stored_files f ON f.id = a.file_id WHERE a.id IN (${old.body.attachment!.id}, ${fresh.body.attachment!.id}, ${aliceImage})`);
    expect(left.rows.map((row) => row.id).sort()).toEqual([fresh.body.attachment!.id, aliceImage].sort());
    expect((await chatGet(alice, old.body.attachment!.id)).status).toBe(404);
  });
});

describe("webhooks and the API", () => {
  it("carry signed, expiring URLs that download the file", async () => {
    const api = await readConversation(getDb(), ws.workspaceId, aliceConversation);
    const files = api.messages!.flatMap((m) => m.attachments);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file.url).toMatch(new RegExp(`/api/attachments/${file.id}\\?expires=\\d+&signature=`));
      expect(Date.parse(file.urlExpiresAt)).toBeGreaterThan(Date.now());
      expect((await signedGet(file.url)).status).toBe(200);
    }

    await integrateChannels(ws);
    await getDb().execute(sql`UPDATE conversations SET third_party = true WHERE id = ${aliceConversation}`);
    const upload = await contactUploads(alice, "invoice.pdf", Buffer.from("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF", "latin1"));
    expect((await contactSends(alice, "my invoice", [upload.body.attachment!.id])).status).toBe(201);
    const rows = await getDb().execute<{ payload: { message: { text: string; attachments: { id: string; url: string; contentType: string; fileName: string }[] } } }>(
      sql`SELECT payload FROM webhook_deliveries WHERE workspace_id = ${ws.workspaceId} AND event = 'message.created' ORDER BY id DESC LIMIT 1`,
    );
    const sentFiles = rows.rows[0]!.payload.message.attachments;
    expect(sentFiles.map((f) => [f.id, f.fileName, f.contentType])).toEqual([[upload.body.attachment!.id, "invoice.pdf", "application/pdf"]]);
    const download = await signedGet(sentFiles[0]!.url);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
  });
});
