"use client";

import { useEffect, useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";
import { ASSIGN_EVENT, CLOSE_EVENT, COMPOSE_EVENT, SEARCH_EVENT, sendInboxEvent } from "./inbox-events";

export const SHORTCUTS: { keys: string[]; description: string }[] = [
  { keys: ["/"], description: "Search conversations" },
  { keys: ["j"], description: "Next conversation in the list" },
  { keys: ["k"], description: "Previous conversation in the list" },
  { keys: ["Enter"], description: "Open the highlighted conversation" },
  { keys: ["r"], description: "Reply to the contact" },
  { keys: ["n"], description: "Write an internal note" },
  { keys: ["a"], description: "Assign the conversation" },
  { keys: ["e"], description: "Close the conversation" },
  { keys: ["Ctrl", "Enter"], description: "Send the reply or note" },
  { keys: ["?"], description: "Show these shortcuts" },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest("[role=dialog], [role=menu], [role=listbox]") !== null;
}

function moveInList(step: 1 | -1) {
  const rows = [...document.querySelectorAll<HTMLElement>("[data-inbox-row]")];
  if (rows.length === 0) return;
  const focused = rows.indexOf(document.activeElement as HTMLElement);
  const current = focused >= 0 ? focused : rows.findIndex((row) => row.getAttribute("aria-current") === "true");
  const next = current < 0 ? (step === 1 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, current + step));
  rows[next]?.focus();
  rows[next]?.scrollIntoView({ block: "nearest" });
}

/** Inbox keyboard shortcuts (ignored while typing) and the "?" overlay that lists them. */
export function InboxShortcuts() {
  const [helpOpen, setHelpOpen] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const actions: Record<string, () => void> = {
        j: () => moveInList(1),
        k: () => moveInList(-1),
        r: () => sendInboxEvent(COMPOSE_EVENT, "reply"),
        n: () => sendInboxEvent(COMPOSE_EVENT, "note"),
        a: () => sendInboxEvent(ASSIGN_EVENT),
        e: () => sendInboxEvent(CLOSE_EVENT),
        "/": () => sendInboxEvent(SEARCH_EVENT),
        "?": () => setHelpOpen(true),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <Dialog open={helpOpen} onOpenChange={setHelpOpen}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>Shortcuts work anywhere in the inbox except while you type.</DialogDescription>
        </DialogHeader>
        <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.description} className="contents">
              <dt className="flex gap-1">
                {shortcut.keys.map((key) => (
                  <Kbd key={key}>{key}</Kbd>
                ))}
              </dt>
              <dd>{shortcut.description}</dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}
