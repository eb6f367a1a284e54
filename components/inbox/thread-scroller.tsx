"use client";

import { ArrowDown } from "lucide-react";
import { Fragment, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";
import { loadOlderThreadMessagesAction, markConversationReadAction } from "@/lib/actions/thread-pages";
import type { ThreadMessage as ThreadMessageData, ThreadPage } from "@/lib/db/queries/conversation-thread";
import { ThreadMessage } from "./thread-message";

// Within this many pixels of the end, the agent is reading the latest message: new ones follow.
const AT_END_PX = 48;
// This close to the top, the page before is fetched.
const NEAR_TOP_PX = 120;

const byTime = (a: ThreadMessageData, b: ThreadMessageData) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

type Props = { workspaceId: string; conversationId: string; page: ThreadPage; firstUnreadId: string | null };

/**
 * The thread's messages. It opens at the agent's first unread contact message, under a "New
 * messages" marker, when they have read this conversation before and something came since
 * (lib/inbox/read-marker.ts; within the latest page), else at the latest one. Whatever the agent
 * is shown at the end of the thread is marked read. While the agent is at the end, messages
 * arriving live (the server re-renders the latest page) keep it there; scrolled up, they are not
 * moved and a "new messages" button says something arrived. Scrolling to the top loads the page
 * before, keeping what was on screen in place. Every message the server has rendered stays, so a
 * live refresh that moves the latest page on does not drop older ones already shown.
 */
export function ThreadScroller({ workspaceId, conversationId, page, firstUnreadId }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const atEnd = useRef(true);
  // Where the thread opened; the marker stays there while it is open (live re-renders move the server's read marker on).
  const [unreadFrom] = useState(() => (firstUnreadId && page.messages.some((m) => m.id === firstUnreadId) ? firstUnreadId : null));
  const unreadMarkerRef = useRef<HTMLLIElement>(null);
  const markedUpTo = useRef<string | null>(null);
  const [older, setOlder] = useState<{ messages: ThreadMessageData[]; hasOlder: boolean } | null>(null);
  const [seen, setSeen] = useState<ThreadMessageData[]>(page.messages);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unseen, setUnseen] = useState(0);
  const heightBeforeLoad = useRef<number | null>(null);

  // Keep every server-rendered message (a render replaces the latest page, it never removes one).
  const [lastPage, setLastPage] = useState(page);
  if (lastPage !== page) {
    setLastPage(page);
    const known = new Set(seen.map((m) => m.id));
    const fresh = page.messages.filter((m) => !known.has(m.id));
    if (fresh.length > 0) {
      setSeen([...seen, ...fresh]);
      if (!atEnd.current) setUnseen((count) => count + fresh.length);
    }
  }

  const messages = useMemo(() => {
    const byId = new Map<string, ThreadMessageData>();
    for (const message of [...(older?.messages ?? []), ...seen]) byId.set(message.id, message);
    return [...byId.values()].sort(byTime);
  }, [older, seen]);
  const hasOlder = older ? older.hasOlder : page.hasOlder;
  const lastId = messages.at(-1)?.id ?? null;

  // What the agent is shown at the end of the thread is read: the next visit opens after it.
  const markRead = () => {
    if (!atEnd.current || !lastId || markedUpTo.current === lastId) return;
    markedUpTo.current = lastId;
    void markConversationReadAction({ workspaceId, conversationId, upTo: lastId });
  };
  const markReadRef = useRef(markRead);
  useEffect(() => {
    markReadRef.current = markRead;
  });

  // Before the first paint, so the thread never flashes its oldest message first: at the first
  // unread message (its marker at the top) or else at the end.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const marker = unreadMarkerRef.current;
    if (marker) {
      list.scrollTop += marker.getBoundingClientRect().top - list.getBoundingClientRect().top - 8;
      atEnd.current = list.scrollHeight - list.scrollTop - list.clientHeight <= AT_END_PX;
    } else {
      list.scrollTop = list.scrollHeight;
    }
    markReadRef.current();
  }, []);

  // A new latest message: follow it if the agent is at the end (and so has read it).
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && atEnd.current) list.scrollTop = list.scrollHeight;
    markReadRef.current();
  }, [lastId]);

  // An older page went in above: keep what the agent was reading where it was.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list || heightBeforeLoad.current === null) return;
    list.scrollTop += list.scrollHeight - heightBeforeLoad.current;
    heightBeforeLoad.current = null;
  }, [older]);

  // The list's box or a message's height changes after the first paint (the composer's editor
  // mounts below it, fonts load): an agent at the end stays at the end.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const observer = new ResizeObserver(() => {
      if (atEnd.current) list.scrollTop = list.scrollHeight;
    });
    observer.observe(list);
    for (const child of list.children) observer.observe(child);
    return () => observer.disconnect();
  }, [messages.length]);

  const loadOlder = async () => {
    const first = messages[0];
    if (!first || loading || !hasOlder) return;
    setLoading(true);
    setError(null);
    const result = await loadOlderThreadMessagesAction({ workspaceId, conversationId, before: first.id });
    setLoading(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    heightBeforeLoad.current = listRef.current?.scrollHeight ?? null;
    setOlder({ messages: [...result.data.messages, ...(older?.messages ?? [])], hasOlder: result.data.hasOlder });
  };

  const toEnd = () => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
    atEnd.current = true;
    setUnseen(0);
    markRead();
  };

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <ol
        ref={listRef}
        aria-label="Messages"
        aria-busy={loading || undefined}
        // A scrollable region the keyboard can scroll (its messages hold nothing focusable).
        tabIndex={0}
        className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto px-5 py-4 outline-none focus-visible:ring-2 focus-visible:ring-ring"
        onScroll={(event) => {
          const list = event.currentTarget;
          atEnd.current = list.scrollHeight - list.scrollTop - list.clientHeight <= AT_END_PX;
          if (atEnd.current && unseen > 0) setUnseen(0);
          if (atEnd.current) markRead();
          if (list.scrollTop <= NEAR_TOP_PX && hasOlder && !loading && !error) void loadOlder();
        }}
      >
        {hasOlder ? (
          <li className="flex justify-center">
            <Button type="button" variant="ghost" size="sm" disabled={loading} onClick={() => void loadOlder()}>
              {loading ? "Loading earlier messages…" : "Load earlier messages"}
            </Button>
          </li>
        ) : null}
        {error ? (
          <li>
            <InlineStatus tone="error">{error}</InlineStatus>
          </li>
        ) : null}
        {messages.length === 0 ? <li className="text-sm text-muted-foreground">No messages yet.</li> : null}
        {messages.map((message) =>
          message.id === unreadFrom ? (
            <Fragment key={message.id}>
              <li ref={unreadMarkerRef} data-unread-marker className="flex items-center gap-3 text-xs font-medium text-primary">
                <span className="h-px flex-1 bg-primary/40" aria-hidden />
                New messages
                <span className="h-px flex-1 bg-primary/40" aria-hidden />
              </li>
              <ThreadMessage message={message} />
            </Fragment>
          ) : (
            <ThreadMessage key={message.id} message={message} />
          ),
        )}
      </ol>
      {unseen > 0 ? (
        <div className="pointer-events-none absolute inset-x-0 bottom-3 flex justify-center">
          <Button type="button" size="sm" className="pointer-events-auto shadow-md" onClick={toEnd}>
            <ArrowDown aria-hidden />
            {unseen === 1 ? "1 new message" : `${unseen} new messages`}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
