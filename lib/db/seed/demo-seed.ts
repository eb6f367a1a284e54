import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { renderStoredHtml, documentToPlainText } from "@/lib/rich-text/render";
import { textToDocument } from "@/lib/rich-text/document-schema";
import type { Database } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { contacts } from "@/lib/db/schema/contacts";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { memberships, teamMembers, teams, users, workspaces } from "@/lib/db/schema/workspaces";
import { demoContacts } from "./demo-contacts";
import {
  ACME_CHAT_CHANNEL_ID,
  ACME_WORKSPACE_ID,
  DEMO_PASSWORD,
  DEMO_USERS,
  GLOBEX_CHAT_CHANNEL_ID,
  GLOBEX_WORKSPACE_ID,
  SALES_TEAM_ID,
  SUPPORT_TEAM_ID,
} from "./demo-identities";

const [ALEX, SAM, JORDAN, RILEY, CASEY] = DEMO_USERS;

const INBOUND_THREADS: { contactIndex: number; lines: [who: "contact" | "agent", text: string][]; assignee?: string; team?: string; priority?: "high" }[] = [
  { contactIndex: 0, lines: [["contact", "Hi! I can't find the export button on the reports page."], ["agent", "Hi Ada, it's under the ⋯ menu at the top right of each report."]], assignee: JORDAN.id, team: SUPPORT_TEAM_ID },
  { contactIndex: 3, lines: [["contact", "Our invoices show the wrong VAT number since last month."]], priority: "high" },
  { contactIndex: 6, lines: [["contact", "Do you offer discounts for non-profits?"]], team: SALES_TEAM_ID },
  { contactIndex: 9, lines: [["contact", "The mobile app logs me out every hour."], ["agent", "Thanks for the report, we're looking into it."], ["contact", "Any news?"]], assignee: SAM.id },
  { contactIndex: 12, lines: [["contact", "How do I add a teammate to my account?"]] },
];

function storedBody(text: string) {
  const body = textToDocument(text);
  return { body, html: renderStoredHtml(body), text: documentToPlainText(body) };
}

/**
 * Creates the demo workspaces once. Returns false when they already exist, so every start can
 * call it; an advisory lock keeps two processes starting together from both seeding.
 */
export async function seedDemoData(db: Database, now = new Date()): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(727275)`);
    const existing = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, ACME_WORKSPACE_ID));
    if (existing.length > 0) return false;

    await tx.insert(workspaces).values([
      { id: ACME_WORKSPACE_ID, name: "Acme", plan: "enterprise" },
      { id: GLOBEX_WORKSPACE_ID, name: "Globex", plan: "free" },
    ]);
    await tx
      .insert(users)
      .values(DEMO_USERS.map((u) => ({ id: u.id, email: u.email, name: u.name, avatarUrl: u.avatar, passwordHash })))
      .onConflictDoNothing();
    await tx.insert(memberships).values([
      { workspaceId: ACME_WORKSPACE_ID, userId: ALEX.id, role: "owner" },
      { workspaceId: ACME_WORKSPACE_ID, userId: SAM.id, role: "admin" },
      { workspaceId: ACME_WORKSPACE_ID, userId: JORDAN.id, role: "agent" },
      { workspaceId: ACME_WORKSPACE_ID, userId: RILEY.id, role: "agent" },
      { workspaceId: GLOBEX_WORKSPACE_ID, userId: ALEX.id, role: "owner" },
      { workspaceId: GLOBEX_WORKSPACE_ID, userId: CASEY.id, role: "agent" },
    ]);
    await tx.insert(teams).values([
      { id: SUPPORT_TEAM_ID, workspaceId: ACME_WORKSPACE_ID, name: "Support" },
      { id: SALES_TEAM_ID, workspaceId: ACME_WORKSPACE_ID, name: "Sales" },
    ]);
    await tx.insert(teamMembers).values([
      { teamId: SUPPORT_TEAM_ID, userId: SAM.id },
      { teamId: SUPPORT_TEAM_ID, userId: JORDAN.id },
      { teamId: SALES_TEAM_ID, userId: RILEY.id },
      { teamId: SALES_TEAM_ID, userId: ALEX.id },
    ]);
    await tx.insert(channels).values([
      { id: ACME_CHAT_CHANNEL_ID, workspaceId: ACME_WORKSPACE_ID, kind: "chat", name: "Website chat", isDefault: true, identitySecret: randomBytes(32).toString("base64url") },
      { id: GLOBEX_CHAT_CHANNEL_ID, workspaceId: GLOBEX_WORKSPACE_ID, kind: "chat", name: "Website chat", isDefault: true, identitySecret: randomBytes(32).toString("base64url") },
    ]);

    const acmeContacts = await tx
      .insert(contacts)
      .values(demoContacts(200, "example.com", 42, now).map((c, i) => ({ ...c, workspaceId: ACME_WORKSPACE_ID, externalId: `acme-${i + 1}` })))
      .returning({ id: contacts.id, firstName: contacts.firstName });
    await tx
      .insert(contacts)
      .values(demoContacts(25, "example.org", 7, now).map((c, i) => ({ ...c, workspaceId: GLOBEX_WORKSPACE_ID, externalId: `globex-${i + 1}` })));

    for (const [threadIndex, thread] of INBOUND_THREADS.entries()) {
      const contact = acmeContacts[thread.contactIndex];
      if (!contact) continue;
      const startedAt = new Date(now.getTime() - (threadIndex + 1) * 3 * 60 * 60 * 1000);
      const lastLine = thread.lines.at(-1);
      const lastAt = new Date(startedAt.getTime() + (thread.lines.length - 1) * 10 * 60 * 1000);
      const [conversation] = await tx
        .insert(conversations)
        .values({
          workspaceId: ACME_WORKSPACE_ID,
          contactId: contact.id,
          channelId: ACME_CHAT_CHANNEL_ID,
          origin: "inbound",
          direction: "from_contact",
          openMode: "immediately",
          state: "open",
          openedAt: startedAt,
          repliedAt: startedAt,
          lastMessageAt: lastAt,
          lastMessagePreview: lastLine?.[1].slice(0, 140) ?? "",
          waitingSince: lastLine?.[0] === "contact" ? lastAt : null,
          assigneeUserId: thread.assignee ?? null,
          assigneeTeamId: thread.team ?? null,
          priority: thread.priority ?? "normal",
          createdAt: startedAt,
        })
        .returning({ id: conversations.id });
      await tx.insert(messages).values(
        thread.lines.map(([who, text], i) => ({
          workspaceId: ACME_WORKSPACE_ID,
          conversationId: conversation!.id,
          kind: "message" as const,
          authorType: who,
          authorContactId: who === "contact" ? contact.id : null,
          authorUserId: who === "agent" ? (thread.assignee ?? SAM.id) : null,
          ...storedBody(text),
          createdAt: new Date(startedAt.getTime() + i * 10 * 60 * 1000),
        })),
      );
      await tx.update(contacts).set({ lastConversationOpenedAt: startedAt }).where(eq(contacts.id, contact.id));
    }
    return true;
  });
}
