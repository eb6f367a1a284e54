import { connect, type Socket } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { emailMessages } from "@/lib/db/schema/email";
import { createEmailChannel } from "@/lib/email/email-channels";
import { startSmtpListener, type SmtpListener } from "@/lib/email/smtp-listener";
import { runService } from "@/lib/services/run-service";
import { asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

await useTestDatabase();

const REPLY_DOMAIN = "limits.acme.example";
let listener: SmtpListener;
let channelId: string;

beforeAll(async () => {
  const ws = await createWorkspaceFixture(getDb());
  ({ channelId } = await runService(await asMember(ws.workspaceId, ws.builderId), createEmailChannel, {
    name: "Limits email",
    fromAddress: "hello@acme.example",
    fromNamePattern: "",
    replyDomain: REPLY_DOMAIN,
    ratePerSecond: 10,
    transport: { kind: "sandbox" },
  }));
  listener = await startSmtpListener({ port: 0, host: "127.0.0.1", maxClients: 2 });
});
afterAll(async () => {
  await listener.close();
});

/** A bare SMTP client on a socket: each call sends a line (or nothing) and resolves with the server's next complete reply. */
function smtpSession(port: number) {
  const socket: Socket = connect(port, "127.0.0.1");
  let buffer = "";
  const waiting: ((reply: string) => void)[] = [];
  socket.setEncoding("utf8");
  socket.on("data", (data: string) => {
    buffer += data;
    // A complete reply ends with a line "NNN text" (no dash after the code).
    for (let match = /^(?:\d{3}-.*\r\n)*\d{3} .*\r\n/.exec(buffer); match && waiting.length > 0; match = /^(?:\d{3}-.*\r\n)*\d{3} .*\r\n/.exec(buffer)) {
      buffer = buffer.slice(match[0].length);
      waiting.shift()!(match[0]);
    }
  });
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  return {
    greeting: next(),
    command: (line: string) => {
      const reply = next();
      socket.write(`${line}\r\n`);
      return reply;
    },
    /** Writes a body of `bytes` bytes after DATA, then the final dot, and resolves with the answer. */
    data: async (bytes: number) => {
      const line = `${"x".repeat(998)}\r\n`;
      const reply = next();
      for (let written = 0; written < bytes; written += line.length) {
        if (!socket.write(line)) await new Promise((resolve) => socket.once("drain", resolve));
      }
      socket.write(".\r\n");
      return reply;
    },
    close: () => socket.destroy(),
  };
}

describe("Parley's SMTP listener keeps its memory bounded", () => {
  it("answers an 11 MB email with 552 once the client has sent it all, records nothing, and takes the next email", async () => {
    const session = smtpSession(listener.port);
    expect(await session.greeting).toMatch(/^220 /);
    expect(await session.command("EHLO mx.example.com")).toMatch(/^250/);
    expect(await session.command("MAIL FROM:<ada@example.com>")).toMatch(/^250 /);
    expect(await session.command(`RCPT TO:<hello@${REPLY_DOMAIN}>`)).toMatch(/^250 /);
    expect(await session.command("DATA")).toMatch(/^354 /);
    expect(await session.data(11 * 1024 * 1024)).toMatch(/^552 /);

    // The same connection goes on: a small email is accepted and recorded.
    expect(await session.command("MAIL FROM:<ada@example.com>")).toMatch(/^250 /);
    expect(await session.command(`RCPT TO:<hello@${REPLY_DOMAIN}>`)).toMatch(/^250 /);
    expect(await session.command("DATA")).toMatch(/^354 /);
    const small = "From: Ada <ada@example.com>\r\nTo: hello@limits.acme.example\r\nSubject: Hello\r\nMessage-ID: <small-1@example.com>\r\n\r\nA short question.\r\n.\r\n";
    expect(await session.command(small.slice(0, -2))).toMatch(/^250 /);
    session.close();
    const recorded = await getDb().select({ rfcMessageId: emailMessages.rfcMessageId }).from(emailMessages).where(eq(emailMessages.channelId, channelId));
    expect(recorded).toEqual([{ rfcMessageId: "<small-1@example.com>" }]);
  });

  it("serves at most maxClients connections at once: one more is told to try again (421)", async () => {
    const first = smtpSession(listener.port);
    const second = smtpSession(listener.port);
    expect(await first.greeting).toMatch(/^220 /);
    expect(await second.greeting).toMatch(/^220 /);
    const third = smtpSession(listener.port);
    expect(await third.greeting).toMatch(/^421 /);
    third.close();
    first.close();
    second.close();
  });
});
