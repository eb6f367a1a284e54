import { and, count, desc, eq, exists, isNull, lte, or } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { mails, type Mail } from "@/lib/db/schema/mail";
import { memberships } from "@/lib/db/schema/workspaces";

/**
 * The mails a workspace's owners may read in Settings › Mail sandbox: the workspace's own (its
 * invitations…), and mail about an account (a password reset, an email change: no workspace)
 * of a person who was a member of this workspace when it was written. Never another workspace's
 * mail, nor the account mail of someone who is not (or not yet) a member.
 */
export function visibleToWorkspace(db: DbOrTx, workspaceId: string) {
  return or(
    eq(mails.workspaceId, workspaceId),
    and(
      isNull(mails.workspaceId),
      exists(
        db
          .select({ userId: memberships.userId })
          .from(memberships)
          .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, mails.userId), lte(memberships.createdAt, mails.createdAt))),
      ),
    ),
  )!;
}

export type SandboxMailSummary = Pick<Mail, "id" | "kind" | "toAddress" | "subject" | "status" | "createdAt" | "sentAt">;

export const MAIL_SANDBOX_PAGE_SIZE = 25;

/** One page of those mails, newest first, and how many there are in all. */
export async function listSandboxMails(db: DbOrTx, workspaceId: string, page: number): Promise<{ mails: SandboxMailSummary[]; total: number }> {
  const where = visibleToWorkspace(db, workspaceId);
  const [rows, [total]] = await Promise.all([
    db
      .select({ id: mails.id, kind: mails.kind, toAddress: mails.toAddress, subject: mails.subject, status: mails.status, createdAt: mails.createdAt, sentAt: mails.sentAt })
      .from(mails)
      .where(where)
      .orderBy(desc(mails.createdAt), desc(mails.id))
      .limit(MAIL_SANDBOX_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * MAIL_SANDBOX_PAGE_SIZE),
    db.select({ value: count() }).from(mails).where(where),
  ]);
  return { mails: rows, total: total?.value ?? 0 };
}

/** One of those mails, or null (another workspace's mail is no different from a missing one). */
export async function findSandboxMail(db: DbOrTx, workspaceId: string, mailId: string): Promise<Mail | null> {
  const [row] = await db.select().from(mails).where(and(eq(mails.id, mailId), visibleToWorkspace(db, workspaceId)));
  return row ?? null;
}
