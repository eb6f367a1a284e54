"use client";

import { Filter, Pencil, Save } from "lucide-react";
import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { INBOX_SORTS, INBOX_STATUSES, SORT_LABELS, STATUS_LABELS, type InboxFilters, type InboxSort, type InboxStatus } from "@/lib/inbox/filters";
import { inboxHref, type InboxUrlState } from "@/lib/inbox/inbox-url";
import type { ViewRef } from "@/lib/inbox/views";
import type { InboxDirectory } from "./conversation-actions";
import { DeleteViewButton } from "./delete-view-button";
import { InboxSearchBox } from "./inbox-search-box";
import { LabelledSelect } from "./labelled-select";
import { ViewDialog } from "./view-dialog";

type Props = {
  workspaceId: string;
  title: string;
  /** Every view with its link, for the compact view picker on screens too narrow for the sidebar. */
  viewOptions: { key: string; label: string; href: string }[];
  activeViewKey: string;
  view: ViewRef;
  urlState: InboxUrlState;
  filters: InboxFilters;
  savedView: { id: string; name: string; shared: boolean; editable: boolean } | null;
  directory: InboxDirectory;
};

export function ListToolbar({ workspaceId, title, viewOptions, activeViewKey, view, urlState, filters, savedView, directory }: Props) {
  const router = useRouter();
  const go = (next: Partial<InboxUrlState>) => router.push(inboxHref(workspaceId, view, { ...urlState, cursor: null, ...next }));
  const statusFixed = filters.status !== undefined;

  return (
    <div className="grid gap-3 border-b px-4 py-3">
      <div className="flex items-center gap-2">
        <h1 id="inbox-list-title" className="min-w-0 flex-1 truncate text-base font-semibold">
          {title}
        </h1>
        {savedView ? <Badge variant="outline">{savedView.shared ? "Shared" : "Personal"}</Badge> : null}
      </div>
      <InboxSearchBox workspaceId={workspaceId} view={view} urlState={urlState} />
      <LabelledSelect
        label="View"
        hideLabel
        className="lg:hidden"
        value={viewOptions.some((o) => o.key === activeViewKey) ? activeViewKey : ""}
        options={viewOptions.map((o) => ({ value: o.key, label: o.label }))}
        onChange={(key) => {
          const target = viewOptions.find((o) => o.key === key);
          if (target) router.push(target.href);
        }}
      />
      <div className="flex flex-wrap items-end gap-2">
        {statusFixed ? null : (
          <LabelledSelect
            label="Status"
            hideLabel
            className="w-28"
            value={urlState.status}
            options={INBOX_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            onChange={(value) => go({ status: value as InboxStatus })}
          />
        )}
        <LabelledSelect
          label="Sort"
          hideLabel
          className="w-40"
          value={urlState.sort}
          options={INBOX_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
          onChange={(value) => go({ sort: value as InboxSort })}
        />
        <ViewDialog
          workspaceId={workspaceId}
          mode={{ kind: "filter" }}
          filters={filters}
          directory={directory}
          trigger={
            <Button variant="outline" size="sm">
              <Filter aria-hidden />
              Filter
            </Button>
          }
        />
      </div>
      {view.kind === "filter" || (savedView && savedView.editable) ? (
        <div className="flex flex-wrap items-center gap-2">
          {view.kind === "filter" ? (
            <ViewDialog
              workspaceId={workspaceId}
              mode={{ kind: "create" }}
              filters={filters}
              directory={directory}
              trigger={
                <Button variant="secondary" size="sm">
                  <Save aria-hidden />
                  Save as view
                </Button>
              }
            />
          ) : null}
          {savedView && savedView.editable ? (
            <>
              <ViewDialog
                workspaceId={workspaceId}
                mode={{ kind: "edit", viewId: savedView.id, name: savedView.name, shared: savedView.shared }}
                filters={filters}
                directory={directory}
                trigger={
                  <Button variant="secondary" size="sm">
                    <Pencil aria-hidden />
                    Edit view
                  </Button>
                }
              />
              <DeleteViewButton workspaceId={workspaceId} viewId={savedView.id} name={savedView.name} />
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
