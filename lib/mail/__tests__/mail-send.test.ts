import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { mails } from "@/lib/db/schema/mail";
import { startWorker, type WorkerHandle } from "@/lib/jobs/run-worker";
import { queueMail } from "@/lib/mail/queue-mail";
import { startSmtpReceiver } from "@/lib/testing/smtp-receiver";
import { useTestDatabase } from "@/lib/testing/test-database";
import { waitFor } from "@/lib/workflow/testing/workspace-fixture";

const { url } = await useTestDatabase();

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let worker: WorkerHandle;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  worker = await startWorker({ connectionString: url, concurrency: 2 });
});
afterAll(async () => {
  await worker.stop();
  await smtp.close();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
});

const mailRow = (id: string) => getDb().select().from(mails).where(eq(mails.id, id)).then((rows) => rows[0]!);
const message = (to: string) => ({ workspaceId: null, kind: "test" as const, to, subject: "Café ☕ test", html: "<p>Hello <strong>there</strong></p>", text: "Hello there" });

describe("outgoing mail", () => {
  it("without SMTP, keeps the mail in the sandbox", async () => {
    delete process.env.SMTP_URL;
    const { mailId } = await queueMail(getDb(), message("sandboxed@example.com"));
    await waitFor(async () => (await mailRow(mailId)).status === "sandboxed", { what: "the mail to be sandboxed" });
    expect(smtp.received).toHaveLength(0);
  });

  it("with SMTP_URL, sends it over SMTP as HTML and plain text, from MAIL_FROM", async () => {
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = "Parley <parley@example.com>";
    const { mailId } = await queueMail(getDb(), message("ada@example.com"));
    await waitFor(async () => (await mailRow(mailId)).status === "sent", { what: "the mail to be sent" });
    const got = smtp.received.find((mail) => mail.envelopeTo.includes("ada@example.com"))!;
    expect(got.subject).toBe("Café ☕ test");
    expect(got.from?.value).toEqual([{ name: "Parley", address: "parley@example.com" }]);
    expect(got.html).toContain("<strong>there</strong>");
    expect(got.text?.trim()).toBe("Hello there");
    expect((await mailRow(mailId)).messageId).toBeTruthy();
  });

  it("retries a mail the server refuses for now, and delivers it once the server takes it", async () => {
    process.env.SMTP_URL = smtp.url;
    smtp.refuseMail(true);
    const { mailId } = await queueMail(getDb(), message("later@example.com"));
    await waitFor(async () => (await mailRow(mailId)).lastError !== null, { what: "a refused attempt" });
    expect((await mailRow(mailId)).status).toBe("queued");
    smtp.refuseMail(false);
    // graphile-worker waits before the retry; bring it forward instead of waiting for the backoff.
    await getDb().execute(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'mail-send')`);
    await waitFor(async () => (await mailRow(mailId)).status === "sent", { what: "the retried mail to be sent", timeoutMs: 30_000 });
    expect(smtp.received.filter((mail) => mail.envelopeTo.includes("later@example.com"))).toHaveLength(1);
  });

  it("sends nothing when the change that wanted the mail rolls back", async () => {
    await getDb()
      .transaction(async (tx) => {
        await queueMail(tx, message("never@example.com"));
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    expect(await getDb().select().from(mails).where(eq(mails.toAddress, "never@example.com"))).toEqual([]);
  });
});
