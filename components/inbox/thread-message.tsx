import { StickyNote } from "lucide-react";
import { MessageAttachments } from "@/components/attachments/message-attachments";
import { Avatar } from "@/components/ui/avatar";
import type { ThreadMessage as ThreadMessageData } from "@/lib/db/queries/conversation-thread";
import { cn } from "@/lib/utils/cn";
import { LocalTime } from "@/components/time/local-time";

const AUTHOR_ROLE: Record<ThreadMessageData["authorType"], string> = {
  contact: "Contact",
  agent: "Agent",
  bot: "Bot",
  system: "System",
};

/**
 * One message or note. The HTML comes from renderStoredHtml on the server (escaped text, an
 * allow-list of tags and safe hrefs); names are React text, so markup in them stays inert.
 */
export function ThreadMessage({ message }: { message: ThreadMessageData }) {
  const isNote = message.kind === "note";
  const fromContact = message.authorType === "contact";
  return (
    <li className={cn("flex gap-3", !fromContact && !isNote && "flex-row-reverse")} data-message-kind={message.kind}>
      <Avatar name={message.authorName} src={message.authorAvatarUrl} size="md" decorative />
      <article
        aria-label={`${isNote ? "Note" : "Message"} from ${message.authorName}`}
        className={cn(
          "min-w-0 max-w-[85%] rounded-lg border px-3 py-2",
          isNote && "border-amber-300 bg-amber-50 text-amber-950",
          !isNote && fromContact && "bg-card",
          !isNote && !fromContact && "border-transparent bg-accent text-accent-foreground",
        )}
      >
        <header className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs">
          {isNote ? (
            <span className="inline-flex items-center gap-1 rounded bg-amber-200 px-1.5 py-0.5 font-semibold text-amber-950">
              <StickyNote className="size-3" aria-hidden />
              Note
            </span>
          ) : null}
          <span className="font-semibold">{message.authorName}</span>
          <span className="text-muted-foreground">{AUTHOR_ROLE[message.authorType]}</span>
          <LocalTime value={message.createdAt} className="text-muted-foreground" />
          {message.originalEmailUrl ? (
            <a href={message.originalEmailUrl} download className="text-muted-foreground underline underline-offset-2 hover:text-foreground">
              Original email<span className="sr-only"> from {message.authorName}</span>
            </a>
          ) : null}
        </header>
        <div
          className="prose-message text-sm leading-6 break-words [&_a]:underline [&_ol]:list-decimal [&_ol]:pl-5 [&_p]:my-0.5 [&_ul]:list-disc [&_ul]:pl-5"
          dangerouslySetInnerHTML={{ __html: message.html }}
        />
        <MessageAttachments attachments={message.attachments} />
        {message.emailProblem ? (
          <p className="mt-1 text-xs font-medium text-destructive">
            {message.emailProblem.status === "skipped" ? "Not emailed" : "Email failed"}
            {message.emailProblem.reason ? `: ${message.emailProblem.reason}` : ""}
          </p>
        ) : null}
      </article>
    </li>
  );
}
