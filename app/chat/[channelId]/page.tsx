import type { Metadata } from "next";
import { cookies } from "next/headers";
import { forbidden, notFound } from "next/navigation";
import { ChatWindow } from "@/components/chat/chat-window";
import { chatScope, findChatChannel, openChatSession } from "@/lib/chat/chat-session";
import { readIdentityParams } from "@/lib/chat/identity";
import { sessionCookieName } from "@/lib/chat/session-token";
import { listChatMessages } from "@/lib/db/queries/chat-messages";
import { getDb } from "@/lib/db/client";
import { runService } from "@/lib/services/run-service";
import { workspaces } from "@/lib/db/schema/workspaces";
import { eq } from "drizzle-orm";
import { attachmentMaxBytes } from "@/lib/attachments/upload-request";

export const metadata: Metadata = { title: "Chat", robots: { index: false } };
export const dynamic = "force-dynamic";

type PageProps = {
  params: Promise<{ channelId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The Chat Web Control a contact uses. Opening it resumes the session in the cookie or starts a
 * new one (firing Session Started). Who the contact is comes from a signed identity
 * (?user_id=…&user_hash=HMAC-SHA256(user_id, channel secret)); without one, an anonymous visitor
 * becomes a new contact; a wrong signature is refused with 403.
 */
export default async function ChatPage({ params, searchParams }: PageProps) {
  const { channelId } = await params;
  const query = await searchParams;
  const channel = await findChatChannel(channelId);
  if (!channel) notFound();

  const identity = readIdentityParams(first(query.user_id), first(query.user_hash));
  const cookieToken = (await cookies()).get(sessionCookieName(channel.id))?.value;
  // Whoever opens the page is a contact not known yet: the service finds or creates them.
  const opened = await runService(chatScope(channel, null), openChatSession, { channel, identity, cookieToken });
  if (!opened.ok) forbidden();

  const { session, token } = opened.context;
  const [messages, [workspace]] = await Promise.all([
    listChatMessages({ workspaceId: channel.workspaceId, channelId: channel.id, contactId: session.contactId, sessionId: session.id }),
    getDb().select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, channel.workspaceId)),
  ]);

  return (
    <ChatWindow
      channelId={channel.id}
      title={workspace?.name ?? channel.name}
      subtitle={channel.name}
      sessionToken={token}
      rememberSession={opened.isNew || cookieToken !== token}
      initialMessages={messages}
      attachmentMaxBytes={attachmentMaxBytes()}
    />
  );
}
