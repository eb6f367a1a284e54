"use client";

import { ArrowDown } from "lucide-react";
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

// Within this many pixels of the end, the agent is reading the latest message: new ones follow.
const AT_END_PX = 48;

/**
 * The thread's scrolling list: it opens at the latest message; while the agent is at the end,
 * messages arriving live (a contact's reply re-renders the thread) keep it there; scrolled up
 * reading older ones, they are not moved, and a "New messages" button says something arrived.
 */
export function ThreadScroller({ lastMessageId, messageCount, children }: { lastMessageId: string | null; messageCount: number; children: ReactNode }) {
  const listRef = useRef<HTMLOListElement>(null);
  const atEnd = useRef(true);
  const seenLast = useRef(lastMessageId);
  const [unseen, setUnseen] = useState(0);
  const seenCount = useRef(messageCount);

  const toEnd = () => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
    atEnd.current = true;
    setUnseen(0);
    seenCount.current = messageCount;
  };

  // Before the first paint, so the thread never flashes its oldest message first.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, []);

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
  }, [messageCount]);

  useEffect(() => {
    if (lastMessageId === seenLast.current) return;
    seenLast.current = lastMessageId;
    const list = listRef.current;
    if (!list) return;
    if (atEnd.current) {
      list.scrollTop = list.scrollHeight;
      seenCount.current = messageCount;
    } else setUnseen(Math.max(1, messageCount - seenCount.current));
  }, [lastMessageId, messageCount]);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <ol
        ref={listRef}
        aria-label="Messages"
        className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto px-5 py-4"
        onScroll={(event) => {
          const list = event.currentTarget;
          atEnd.current = list.scrollHeight - list.scrollTop - list.clientHeight <= AT_END_PX;
          if (atEnd.current && unseen > 0) {
            setUnseen(0);
            seenCount.current = messageCount;
          }
        }}
      >
        {children}
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
