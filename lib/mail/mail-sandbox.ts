import { and, count, desc, eq, exists, isNull, lte, notExists, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/lib/db/client";
import { mails, type Mail } from "@/lib/db/schema/mail";
import { memberships } from "@/lib/db/schema/workspaces";

/** Whose Mail sandbox: an owner (the page checks the role) of a workspace. */
export type SandboxViewer = { workspaceId: string; ownerUserId: string };

/**
 * The mails an owner may read in the workspace's Mail sandbox: the workspace's own (its
 * invitations…), and mail about an account (a password reset, an email change: no workspace)
 * that was kept, not sent, of a person who was a member of this workspace when it was written and
 * whose every workspace the viewer owns. A reset link is the account: handing it on is for an
 * install without a mail server, and only to someone who already controls everything that person
 * can reach (else the owner of a workspace made for the purpose could invite, then take over, the
 * owner of another). Never another workspace's mail.
 */
export function visibleToViewer(db: DbOrTx, viewer: SandboxViewer) {
  const otherMemberships = alias(memberships, "other_memberships");
  const viewerOwnership = alias(memberships, "viewer_ownership");
  return or(
    eq(mails.workspaceId, viewer.workspaceId),
    and(
      isNull(mails.workspaceId),
      eq(mails.status, "sandboxed"),
      exists(
        db
          .select({ userId: memberships.userId })
          .from(memberships)
          .where(and(eq(memberships.workspaceId, viewer.workspaceId), eq(memberships.userId, mails.userId), lte(memberships.createdAt, mails.createdAt))),
      ),
      notExists(
        db
          .select({ workspaceId: otherMemberships.workspaceId })
          .from(otherMemberships)
          .where(
            and(
              eq(otherMemberships.userId, mails.userId),
              notExists(
                db
                  .select({ userId: viewerOwnership.userId })
                  .from(viewerOwnership)
                  .where(and(eq(viewerOwnership.workspaceId, otherMemberships.workspaceId), eq(viewerOwnership.userId, viewer.ownerUserId), eq(viewerOwnership.role, "owner"))),
              ),
            ),
          ),
      ),
    ),
  )!;
}

export type SandboxMailSummary = Pick<Mail, "id" | "kind" | "toAddress" | "subject" | "status" | "createdAt" | "sentAt">;

export const MAIL_SANDBOX_PAGE_SIZE = 25;

/** One page of those mails, newest first, and how many there are in all. */
export async function listSandboxMails(db: DbOrTx, viewer: SandboxViewer, page: number): Promise<{ mails: SandboxMailSummary[]; total: number }> {
  const where = visibleToViewer(db, viewer);
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
export async function findSandboxMail(db: DbOrTx, viewer: SandboxViewer, mailId: string): Promise<Mail | null> {
  const [row] = await db.select().from(mails).where(and(eq(mails.id, mailId), visibleToViewer(db, viewer)));
  return row ?? null;
}
