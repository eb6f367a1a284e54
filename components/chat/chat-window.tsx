"use client";

import { Send } from "lucide-react";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { AttachButton, PendingAttachments } from "@/components/attachments/attachment-picker";
import { MessageAttachments } from "@/components/attachments/message-attachments";
import { useAttachmentUploads } from "@/components/attachments/use-attachment-uploads";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";
import { Textarea } from "@/components/ui/textarea";
import type { ChatMessage } from "@/lib/db/queries/chat-messages";
import { MAX_ATTACHMENTS_PER_MESSAGE } from "@/lib/attachments/attachments.validation";
import { cn } from "@/lib/utils/cn";
import { CHAT_SESSION_HEADER } from "@/lib/chat/chat-session-header";

// How often typing tells the agent (the server throttles too); how long "is typing…" stays up.
const TYPING_PING_MS = 3_000;
const TYPING_SHOWN_MS = 6_000;

type Props = {
  channelId: string;
  title: string;
  subtitle: string;
  sessionToken: string;
  rememberSession: boolean;
  initialMessages: ChatMessage[];
  attachmentMaxBytes: number;
};

/**
 * The contact's side of the conversation. The session travels in a header (and the SSE query),
 * not only in the cookie, so the chat also works inside an iframe on another site, where
 * browsers withhold SameSite=Lax cookies.
 */
export function ChatWindow({ channelId, title, subtitle, sessionToken, rememberSession, initialMessages, attachmentMaxBytes }: Props) {
  const [messages, setMessages] = useState(initialMessages);
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState<"connecting" | "live" | "offline">("connecting");
  const [typing, setTyping] = useState<{ name: string; until: number } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const inputId = useId();
  const api = `/api/chat/${channelId}`;
  const headers = { [CHAT_SESSION_HEADER]: sessionToken };
  const attachments = useAttachmentUploads({ uploadUrl: `${api}/attachments`, headers, maxBytes: attachmentMaxBytes, maxFiles: MAX_ATTACHMENTS_PER_MESSAGE });

  const reload = useCallback(async () => {
    const response = await fetch(`${api}/messages`, { headers: { [CHAT_SESSION_HEADER]: sessionToken }, cache: "no-store" });
    if (response.ok) setMessages(((await response.json()) as { messages: ChatMessage[] }).messages);
  }, [api, sessionToken]);

  // Keeps the session across reloads of this page (first-party); an iframe may refuse the cookie.
  useEffect(() => {
    if (!rememberSession) return;
    void fetch(`${api}/session`, { method: "POST", headers: { [CHAT_SESSION_HEADER]: sessionToken } }).catch(() => {});
  }, [api, sessionToken, rememberSession]);

  useEffect(() => {
    const source = new EventSource(`${api}/events?session=${encodeURIComponent(sessionToken)}`);
    // Every connect reads the thread again, the first one too: a message written after the page
    // was rendered and before the stream was listening would otherwise stay unseen.
    source.addEventListener("ready", () => {
      void reload();
      setLive("live");
    });
    source.addEventListener("change", () => void reload());
    source.addEventListener("typing", (event) => {
      const { name } = JSON.parse((event as MessageEvent<string>).data) as { name: string };
      setTyping({ name, until: Date.now() + TYPING_SHOWN_MS });
    });
    source.addEventListener("resync", () => void reload());
    source.onerror = () => setLive("offline");
    return () => source.close();
  }, [api, sessionToken, reload]);

  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [messages.length]);

  // "<agent> is typing…" fades when no event renewed it; a message from them ends it at once.
  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => setTyping(null), Math.max(0, typing.until - Date.now()));
    return () => clearTimeout(timer);
  }, [typing]);
  const lastTheirs = messages.findLast((message) => !message.own) ?? null;
  useEffect(() => setTyping(null), [lastTheirs?.id]);

  // Tells the agent their latest message has been shown: when it arrives with the page visible,
  // or when the page becomes visible. Ephemeral; once per message.
  const seenSent = useRef<string | null>(null);
  useEffect(() => {
    const tell = () => {
      if (!lastTheirs || seenSent.current === lastTheirs.id || document.visibilityState !== "visible") return;
      seenSent.current = lastTheirs.id;
      void fetch(`${api}/presence`, {
        method: "POST",
        headers: { [CHAT_SESSION_HEADER]: sessionToken, "Content-Type": "application/json" },
        body: JSON.stringify({ kind: "seen", conversationId: lastTheirs.conversationId, messageId: lastTheirs.id }),
      }).catch(() => {});
    };
    tell();
    document.addEventListener("visibilitychange", tell);
    return () => document.removeEventListener("visibilitychange", tell);
  }, [api, sessionToken, lastTheirs]);

  const lastTypingPing = useRef(0);
  const pingTyping = () => {
    const conversationId = messages.at(-1)?.conversationId;
    if (!conversationId || Date.now() - lastTypingPing.current < TYPING_PING_MS) return;
    lastTypingPing.current = Date.now();
    void fetch(`${api}/presence`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ kind: "typing", conversationId }),
    }).catch(() => {});
  };

  const send = async () => {
    const body = text.trim();
    if ((!body && attachments.ids.length === 0) || sending || attachments.uploading) return;
    setSending(true);
    setError(null);
    try {
      const response = await fetch(`${api}/messages`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify({ text: body, clientId: crypto.randomUUID(), attachmentIds: attachments.ids }),
      });
      if (!response.ok) {
        const problem = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(problem?.error?.message ?? "Your message could not be sent. Please try again.");
        return;
      }
      setText("");
      attachments.clear();
      await reload();
    } catch {
      setError("Your message could not be sent. Check your connection and try again.");
    } finally {
      setSending(false);
    }
  };

  return (
    <main className="mx-auto flex h-dvh max-w-2xl flex-col bg-background">
      <header className="border-b px-5 py-4">
        <h1 className="text-lg font-semibold">{title}</h1>
        <p className="text-sm text-muted-foreground">
          {subtitle}
          <span className="sr-only" role="status" data-live-status={live}>
            {live === "offline" ? "Reconnecting…" : ""}
          </span>
        </p>
      </header>
      <ol ref={listRef} aria-label="Messages" className="flex flex-1 flex-col gap-4 overflow-y-auto px-5 py-4">
        {messages.length === 0 ? (
          <li className="m-auto text-center text-sm text-muted-foreground">Send us a message — we usually answer within a few hours.</li>
        ) : null}
        {messages.map((message) => (
          <li key={message.id} className={cn("flex items-end gap-2", message.own && "flex-row-reverse")}>
            {message.own ? null : <Avatar name={message.authorName} src={message.authorAvatarUrl} size="md" decorative />}
            <article
              aria-label={`Message from ${message.authorName}`}
              className={cn("max-w-[80%] rounded-2xl px-4 py-2", message.own ? "bg-primary text-primary-foreground" : "bg-muted text-foreground")}
            >
              {message.own ? null : <p className="text-xs font-semibold">{message.authorName}</p>}
              {/* Rendered on the server from the stored document (escaped, allow-listed tags). */}
              <div className="text-sm leading-6 break-words [&_a]:underline [&_p]:my-0.5" dangerouslySetInnerHTML={{ __html: message.html }} />
              <MessageAttachments attachments={message.attachments} className={cn(message.own && "justify-end")} />
            </article>
          </li>
        ))}
      </ol>
      <p className="min-h-5 px-5 text-xs text-muted-foreground" aria-live="polite" data-agent-typing={typing ? "true" : "false"}>
        {typing ? `${typing.name} is typing…` : ""}
      </p>
      <form
        className="grid gap-2 border-t px-5 py-3"
        {...attachments.surface}
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <label htmlFor={inputId} className="text-sm font-medium">
          Your message
        </label>
        <PendingAttachments files={attachments.files} onRemove={attachments.remove} />
        <div className="flex items-end gap-2">
          <AttachButton onFiles={(files) => void attachments.add(files)} disabled={sending} label="Attach a file" />
          <Textarea
            id={inputId}
            value={text}
            rows={2}
            maxLength={5000}
            onChange={(event) => {
              setText(event.target.value);
              if (event.target.value.trim() !== "") pingTyping();
            }}
            onKeyDown={(event) => {
              // Enter sends, Shift+Enter starts a new line: what every chat widget does.
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                void send();
              }
            }}
            placeholder="Write a message…"
            className="min-h-11 flex-1 resize-none"
          />
          <Button type="submit" disabled={sending || attachments.uploading || (text.trim() === "" && attachments.ids.length === 0)}>
            <Send aria-hidden />
            Send
          </Button>
        </div>
        {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
        {attachments.error ? <InlineStatus tone="error">{attachments.error}</InlineStatus> : null}
      </form>
    </main>
  );
}
