"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import type { InboxFilters, InboxStatus } from "@/lib/inbox/filters";
import type { InboxDirectory } from "./conversation-actions";

/** What "select all N in this view" needs: the view's own filters and status (null for search results, which are no view). */
export type BulkView = { filters: InboxFilters; status: InboxStatus; total: number; totalCapped: boolean } | null;

type Selection = {
  ids: readonly string[];
  selected: ReadonlySet<string>;
  /** Every conversation of the view, not only the rows on this page. */
  allInView: boolean;
  toggle: (id: string, range: boolean) => void;
  setPage: (checked: boolean) => void;
  selectAllInView: () => void;
  clear: () => void;
  workspaceId: string;
  view: BulkView;
  directory: InboxDirectory;
};

const SelectionContext = createContext<Selection | null>(null);

export function useBulkSelection(): Selection | null {
  return useContext(SelectionContext);
}

/**
 * Holds the inbox list's ticked rows. Click ticks a row, shift-click ticks the range from the row
 * last clicked; rows that leave the list (a live refresh) drop out of the selection by themselves.
 */
export function BulkSelectionProvider({ ids, workspaceId, view, directory, children }: { ids: string[]; workspaceId: string; view: BulkView; directory: InboxDirectory; children: ReactNode }) {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [allInView, setAllInView] = useState(false);
  const anchor = useRef<string | null>(null);
  const selected = useMemo(() => new Set(ids.filter((id) => ticked.has(id))), [ids, ticked]);

  const toggle = useCallback(
    (id: string, range: boolean) => {
      setAllInView(false);
      setTicked((current) => {
        const next = new Set(current);
        const from = anchor.current ? ids.indexOf(anchor.current) : -1;
        const to = ids.indexOf(id);
        if (range && from >= 0 && to >= 0) {
          const check = !current.has(id);
          for (const rowId of ids.slice(Math.min(from, to), Math.max(from, to) + 1)) {
            if (check) next.add(rowId);
            else next.delete(rowId);
          }
        } else if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      anchor.current = id;
    },
    [ids],
  );

  const value: Selection = {
    ids,
    selected,
    allInView,
    toggle,
    setPage: (checked) => {
      setAllInView(false);
      setTicked(checked ? new Set(ids) : new Set());
    },
    selectAllInView: () => {
      setTicked(new Set(ids));
      setAllInView(true);
    },
    clear: () => {
      setAllInView(false);
      setTicked(new Set());
      anchor.current = null;
    },
    workspaceId,
    view,
    directory,
  };
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

/** The tick box beside a row (outside its link, so ticking never opens the conversation). */
export function RowCheckbox({ id, label }: { id: string; label: string }) {
  const selection = useBulkSelection();
  if (!selection) return null;
  return (
    <div className="flex shrink-0 items-start pt-3.5 pl-3">
      <Checkbox
        checked={selection.allInView || selection.selected.has(id)}
        aria-label={`Select conversation with ${label}`}
        data-bulk-row={id}
        onClick={(event) => {
          event.preventDefault();
          selection.toggle(id, event.shiftKey);
        }}
      />
    </div>
  );
}
