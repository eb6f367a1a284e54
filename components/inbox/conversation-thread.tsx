import { ArrowLeft, Workflow } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { InlineStatus } from "@/components/ui/inline-status";
import { attachmentMaxBytes } from "@/lib/attachments/upload-request";
import { ContactPresence } from "./contact-presence";
import type { ThreadConversation, ThreadPage } from "@/lib/db/queries/conversation-thread";
import { Composer } from "./composer";
import { ConversationActions, type InboxDirectory } from "./conversation-actions";
import { LocalTime } from "@/components/time/local-time";
import { OriginBadge } from "./origin-badge";
import type { SavedReplyOption } from "./saved-reply-options";
import { ThreadScroller } from "./thread-scroller";

const STATE_LABELS: Record<ThreadConversation["state"], string> = {
  campaign: "Campaign (not answered)",
  open: "Open",
  snoozed: "Snoozed",
  closed: "Closed",
};

type Props = {
  workspaceId: string;
  conversation: ThreadConversation;
  /** The latest messages; older ones load as the agent scrolls up. */
  page: ThreadPage;
  /** The agent's first unread contact message, where the thread opens (null: at the latest). */
  firstUnreadId: string | null;
  directory: InboxDirectory;
  backHref: string;
  savedReplies: SavedReplyOption[];
};

export function ConversationThread({ workspaceId, conversation, page, firstUnreadId, directory, backHref, savedReplies }: Props) {
  const c = conversation;
  return (
    <section aria-labelledby="thread-title" className="flex min-h-0 min-w-0 flex-1 flex-col" data-conversation-id={c.id}>
      <header className="grid gap-2 border-b px-5 py-3">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={backHref} className="rounded p-1 text-muted-foreground hover:bg-muted md:hidden" aria-label="Back to the list">
            <ArrowLeft className="size-4" aria-hidden />
          </Link>
          <h2 id="thread-title" className="min-w-0 truncate text-lg font-semibold">
            <Link href={`/${workspaceId}/contacts/${c.contactId}`} className="hover:underline">
              {c.contactName}
            </Link>
          </h2>
          <Badge variant={c.state === "open" ? "success" : c.state === "snoozed" ? "warning" : "neutral"}>{STATE_LABELS[c.state]}</Badge>
          {c.priority === "high" ? <Badge variant="destructive">High priority</Badge> : null}
          <OriginBadge origin={c.origin} workflowName={c.workflowName} />
        </div>
        {c.emailSubject ? (
          <p className="min-w-0 truncate text-sm font-medium" data-testid="thread-subject" title={c.emailSubject}>
            <span className="text-muted-foreground">Subject: </span>
            {c.emailSubject}
          </p>
        ) : null}
        {c.origin === "workflow" ? (
          <p className="flex items-center gap-1.5 text-sm text-muted-foreground" data-testid="thread-origin">
            <Workflow className="size-4 shrink-0" aria-hidden />
            <span>
              Started by workflow{" "}
              {c.workflowId && c.workflowName ? (
                <Link href={`/${workspaceId}/workflows/${c.workflowId}`} className="font-medium text-foreground underline-offset-4 hover:underline">
                  {c.workflowName}
                </Link>
              ) : (
                <span className="font-medium text-foreground">(deleted workflow)</span>
              )}
              {" · node "}
              <span className="font-medium text-foreground">{c.nodeLabel ?? "Start a Conversation"}</span>
            </span>
          </p>
        ) : null}
        <p className="text-xs text-muted-foreground">
          {c.channelName}
          {c.customerIdentifier ? ` · Customer identifier ${c.customerIdentifier}` : null}
          {c.state === "snoozed" && c.snoozedUntil ? (
            <>
              {" · Snoozed until "}
              <LocalTime value={c.snoozedUntil} />
            </>
          ) : null}
        </p>
        <ConversationActions workspaceId={workspaceId} conversation={c} directory={directory} />
      </header>
      {c.state === "campaign" ? (
        <InlineStatus className="mx-5 mt-3">
          This is an unanswered campaign: it is not in any inbox view until {c.contactName} replies.
        </InlineStatus>
      ) : null}
      <ThreadScroller workspaceId={workspaceId} conversationId={c.id} page={page} firstUnreadId={firstUnreadId} />
      <ContactPresence conversationId={c.id} contactName={c.contactName} lastAgentMessageId={page.messages.findLast((m) => m.kind === "message" && m.authorType !== "contact")?.id ?? null} />
      <Composer workspaceId={workspaceId} conversationId={c.id} contactName={c.contactName} savedReplies={savedReplies} attachmentMaxBytes={attachmentMaxBytes()} />
    </section>
  );
}
