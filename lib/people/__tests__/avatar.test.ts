import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { signedIn, signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { count, eq } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { storedFiles } = await import("@/lib/db/schema/files");
const { users } = await import("@/lib/db/schema/workspaces");
const { removeAvatarAction, setAvatarAction, updateProfileNameAction } = await import("@/lib/actions/account");
const { fileStorage } = await import("@/lib/storage/file-storage");
const { GET } = await import("@/app/api/avatars/[fileId]/route");
const { createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { findChatChannel, openChatSession, chatScope } = await import("@/lib/chat/chat-session");
const { recordContactMessage } = await import("@/lib/conversations/record-contact-message");
const { postAgentMessage } = await import("@/lib/conversations/agent-actions");
const { textToDocument } = await import("@/lib/rich-text/document-schema");
const { runService } = await import("@/lib/services/run-service");
const { asContact, asMember } = await import("@/lib/testing/service-scope");
const { listChatMessages } = await import("@/lib/db/queries/chat-messages");
const { listThreadMessages } = await import("@/lib/db/queries/conversation-thread");
const { stopLiveListener } = await import("@/lib/live/listener");

let userId: string;

beforeAll(async () => {
  const [user] = await getDb().insert(users).values({ email: `avatar-${randomUUID()}@example.com`, name: "Ava Tar" }).returning();
  userId = user!.id;
  return () => stopLiveListener();
});

const png = (width: number, height: number) => sharp({ create: { width, height, channels: 4, background: "#4f46e5" } }).png().toBuffer();
const upload = (bytes: Buffer | string, name: string, type: string) => {
  const form = new FormData();
  form.set("avatar", new File([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], name, { type }));
  return setAvatarAction(form);
};
const account = async () => (await getDb().select().from(users).where(eq(users.id, userId)))[0]!;
const fileCount = async () => (await getDb().select({ value: count() }).from(storedFiles))[0]!.value;
const serve = (url: string) => GET(new Request(`http://localhost${url}`), { params: Promise.resolve({ fileId: url.split("/").pop()! }) });

describe("avatar uploads", () => {
  it("takes a PNG whatever its name says, stores a 256×256 WebP and serves it with a long, immutable cache", async () => {
    signInAs({ id: userId });
    const result = await upload(await png(600, 400), "holiday.svg", "image/svg+xml");
    expect(result).toMatchObject({ ok: true, data: { avatarUrl: expect.stringMatching(/^\/api\/avatars\/[0-9a-f-]{36}$/) } });
    const { avatarUrl } = (result as { data: { avatarUrl: string } }).data;
    expect(await account()).toMatchObject({ avatarUrl, avatarFileId: avatarUrl.split("/").pop() });

    const response = await serve(avatarUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const image = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(image).toMatchObject({ format: "webp", width: 256, height: 256 });
  });

  it.each([
    ["an SVG named .png", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "me.png", "image/png"],
    ["an HTML file named .gif", "<!doctype html><html><body><script>alert(1)</script></body></html>", "me.gif", "image/gif"],
    ["a PDF named .jpg", "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "me.jpg", "image/jpeg"],
    ["bytes that only start like a PNG", Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]), "me.png", "image/png"],
  ])("refuses %s, and keeps the avatar it had", async (_what, bytes, name, type) => {
    signInAs({ id: userId });
    const before = await account();
    const files = await fileCount();
    const result = await upload(bytes, name, type);
    expect(result).toMatchObject({ ok: false, code: "invalid_file_type" });
    expect((result as { error: string }).error).toMatch(/PNG, JPEG, WebP or GIF/);
    expect(await account()).toMatchObject({ avatarUrl: before.avatarUrl, avatarFileId: before.avatarFileId });
    expect(await fileCount()).toBe(files);
  });

  it("refuses an image over 2 MB with a clear message", async () => {
    signInAs({ id: userId });
    const big = await sharp({ create: { width: 1100, height: 1000, channels: 3, background: "#888", noise: { type: "gaussian", mean: 128, sigma: 60 } } }).png().toBuffer();
    expect(big.byteLength).toBeGreaterThan(3 * 1024 * 1024);
    const files = await fileCount();
    expect(await upload(big, "big.png", "image/png")).toMatchObject({ ok: false, code: "payload_too_large", error: "That image is larger than 2 MB. Choose a smaller one." });
    expect(await fileCount()).toBe(files);
  });

  it("takes JPEG, WebP and GIF too", async () => {
    signInAs({ id: userId });
    const base = sharp({ create: { width: 64, height: 64, channels: 3, background: "#0a0" } });
    for (const bytes of [await base.clone().jpeg().toBuffer(), await base.clone().webp().toBuffer(), await base.clone().gif().toBuffer()]) {
      expect(await upload(bytes, "x.bin", "application/octet-stream")).toMatchObject({ ok: true });
    }
  });

  it("a new avatar is a new URL; the old one, and a removed one, stop answering", async () => {
    signInAs({ id: userId });
    const first = ((await upload(await png(50, 50), "a.png", "image/png")) as { data: { avatarUrl: string } }).data.avatarUrl;
    const second = ((await upload(await png(80, 80), "b.png", "image/png")) as { data: { avatarUrl: string } }).data.avatarUrl;
    expect(second).not.toBe(first);
    expect((await serve(first)).status).toBe(404);
    expect((await serve(second)).status).toBe(200);
    expect(await removeAvatarAction({})).toEqual({ ok: true, data: undefined });
    expect(await account()).toMatchObject({ avatarUrl: null, avatarFileId: null });
    expect((await serve(second)).status).toBe(404);
  });

  it("serves only current avatars: not another stored file, an unknown id or a malformed one", async () => {
    const other = await fileStorage(getDb()).put(await png(10, 10), "image/png");
    expect((await serve(`/api/avatars/${other}`)).status).toBe(404);
    expect((await serve(`/api/avatars/${randomUUID()}`)).status).toBe(404);
    expect((await serve("/api/avatars/not-an-id")).status).toBe(404);
  });

  it("needs a signed-in person", async () => {
    signedIn.user = null;
    expect(await upload(await png(10, 10), "a.png", "image/png")).toMatchObject({ ok: false, code: "unauthorized" });
  });
});

describe("what contacts see as the Sender", () => {
  it("is the agent's current name and avatar, in the chat window and in the inbox thread", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const chat = (await findChatChannel(ws.chatChannelId))!;
    const opened = await runService(chatScope(chat, null), openChatSession, { channel: chat, identity: { kind: "anonymous" }, cookieToken: null });
    if (!opened.ok) throw new Error("the chat session was refused");
    const { session } = opened.context;
    const scope = { workspaceId: ws.workspaceId, channelId: ws.chatChannelId, contactId: session.contactId, sessionId: session.id };
    const written = await runService(await asContact(ws.workspaceId, scope.contactId), recordContactMessage, { channelId: ws.chatChannelId, contactId: scope.contactId, text: "Hi", sessionId: scope.sessionId });
    await runService(await asMember(ws.workspaceId, ws.agentId), postAgentMessage, { conversationId: written.conversationId, kind: "message", body: textToDocument("Hello!") });

    signInAs({ id: ws.agentId });
    expect(await updateProfileNameAction({ name: "  Samira Support " })).toEqual({ ok: true, data: { name: "Samira Support" } });
    const { avatarUrl } = ((await upload(await png(40, 40), "me.png", "image/png")) as { data: { avatarUrl: string } }).data;

    const agentMessage = (await listChatMessages(scope)).find((message) => !message.own);
    expect(agentMessage).toMatchObject({ authorName: "Samira Support", authorAvatarUrl: avatarUrl });
    const inThread = (await listThreadMessages(ws.workspaceId, written.conversationId)).find((message) => message.authorType === "agent");
    expect(inThread).toMatchObject({ authorName: "Samira Support", authorAvatarUrl: avatarUrl });
  });

  it("refuses an empty name", async () => {
    signInAs({ id: userId });
    expect(await updateProfileNameAction({ name: "   " })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { name: ["Enter your name."] } });
  });
});
