import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BulkActionBar } from "@/components/inbox/bulk-action-bar";
import { BulkSelectionProvider } from "@/components/inbox/bulk-selection";
import { ConversationList } from "@/components/inbox/conversation-list";
import { ConversationThread } from "@/components/inbox/conversation-thread";
import { InboxShortcuts } from "@/components/inbox/inbox-shortcuts";
import { InboxViewNav } from "@/components/inbox/inbox-view-nav";
import { ListToolbar } from "@/components/inbox/list-toolbar";
import { BUILDER_ROLES, listWorkspaceMembers } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getThreadConversation, listThreadPage } from "@/lib/db/queries/conversation-thread";
import { firstUnreadMessageId } from "@/lib/inbox/read-marker";
import { getDb } from "@/lib/db/client";
import { listVisibleViews, type SavedView } from "@/lib/db/queries/conversation-views";
import { countInboxViews, COUNT_CAP, listInboxConversations, type ViewCountRequest } from "@/lib/db/queries/inbox";
import { searchInbox } from "@/lib/db/queries/inbox-search";
import { listSavedReplies } from "@/lib/db/queries/saved-replies";
import { documentToPlainText } from "@/lib/rich-text/render";
import { listChannels, listTeams, listWorkflowNames } from "@/lib/db/queries/workspace-directory";
import {
  filtersFromSearchParams,
  hasAnyFilter,
  sortFromSearchParams,
  statusFromSearchParams,
  type InboxFilters,
} from "@/lib/inbox/filters";
import { searchFromSearchParams } from "@/lib/inbox/inbox-search-text";
import { inboxHref } from "@/lib/inbox/inbox-url";
import { BUILT_IN_VIEWS, isUuid, parseInboxSegments, viewRefKey, type ViewRef } from "@/lib/inbox/views";

export const metadata: Metadata = { title: "Inbox" };

type PageProps = {
  params: Promise<{ workspaceId: string; view?: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function InboxPage({ params, searchParams }: PageProps) {
  const { workspaceId, view: segments = [] } = await params;
  const query = await searchParams;
  const { user, workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/inbox/${segments.join("/")}`);
  const viewer = { workspaceId: workspace.id, userId: user.id };

  const queryFilters = filtersFromSearchParams(query);
  const route = parseInboxSegments(segments, hasAnyFilter(queryFilters));
  if (!route) notFound();
  const status = statusFromSearchParams(query);
  const sort = sortFromSearchParams(query);
  const rawCursor = Array.isArray(query.cursor) ? query.cursor[0] : query.cursor;
  const cursor = isUuid(rawCursor) ? rawCursor : null;
  // A search looks through every conversation the inbox may show in this status, whatever the view.
  const q = searchFromSearchParams(query);

  const [teams, savedViews, members, workflows, channels] = await Promise.all([
    listTeams(workspace.id),
    listVisibleViews(viewer),
    listWorkspaceMembers(workspace.id),
    listWorkflowNames(workspace.id),
    listChannels(workspace.id),
  ]);

  // Resolve the view inside this workspace: a team or saved view from elsewhere is "not found".
  let title: string;
  let filters: InboxFilters;
  let savedView: SavedView | null = null;
  const view: ViewRef = route.view;
  switch (view.kind) {
    case "built-in": {
      const builtIn = BUILT_IN_VIEWS.find((v) => v.key === view.key)!;
      title = builtIn.label;
      filters = builtIn.filters;
      break;
    }
    case "team": {
      const team = teams.find((t) => t.id === view.teamId);
      if (!team) notFound();
      title = team.name;
      filters = { team: team.id };
      break;
    }
    case "custom": {
      savedView = savedViews.find((v) => v.id === view.viewId) ?? null;
      if (!savedView) notFound();
      title = savedView.name;
      filters = savedView.filters;
      break;
    }
    case "filter":
      title = "Filtered conversations";
      filters = queryFilters;
      break;
  }

  const countRequests: ViewCountRequest[] = [
    ...BUILT_IN_VIEWS.map((v) => ({ key: v.key, filters: v.filters as InboxFilters })),
    ...teams.map((t) => ({ key: `team:${t.id}`, filters: { team: t.id } })),
    ...savedViews.map((v) => ({ key: `view:${v.id}`, filters: v.filters })),
  ];

  const [counts, page, conversation, threadPage, savedReplies, viewTotal, firstUnreadId] = await Promise.all([
    countInboxViews({ viewer, views: countRequests, status: "open" }),
    q ? searchInbox({ viewer, query: q, status }).then((items) => ({ items, nextCursor: null })) : listInboxConversations({ viewer, filters, status, sort, cursor }),
    route.conversationId ? getThreadConversation(workspace.id, route.conversationId) : Promise.resolve(null),
    route.conversationId ? listThreadPage(workspace.id, route.conversationId) : Promise.resolve({ messages: [], hasOlder: false }),
    route.conversationId ? listSavedReplies(viewer) : Promise.resolve([]),
    q ? Promise.resolve(0) : countInboxViews({ viewer, views: [{ key: "view", filters }], status }).then((n) => n.view ?? 0),
    route.conversationId ? firstUnreadMessageId(getDb(), workspace.id, route.conversationId, user.id) : Promise.resolve(null),
  ]);
  if (route.conversationId && !conversation) notFound();

  const urlState = { status, sort, filters: view.kind === "filter" ? filters : undefined, q: q || undefined };
  const pageState = { ...urlState, cursor: q ? null : cursor };
  const directory = {
    members: members.map((m) => ({ id: m.id, name: m.name, avatarUrl: m.avatarUrl })),
    teams,
    workflows,
    channels: channels.map((c) => ({ id: c.id, name: c.name })),
  };

  return (
    <div className="flex h-[calc(100dvh-3.5rem)] min-h-0 md:h-dvh">
      <InboxShortcuts />
      <InboxViewNav
        workspaceId={workspace.id}
        activeKey={viewRefKey(view)}
        teams={teams}
        savedViews={savedViews.map((v) => ({ id: v.id, name: v.name, shared: v.shared }))}
        counts={counts}
        countCap={COUNT_CAP}
        sort={sort}
      />
      <section
        aria-labelledby="inbox-list-title"
        className={`${conversation ? "hidden md:flex" : "flex"} w-full min-w-0 flex-col border-r md:w-96 md:shrink-0`}
      >
        <ListToolbar
          workspaceId={workspace.id}
          title={q ? "Search results" : title}
          activeViewKey={viewRefKey(view)}
          viewOptions={[
            ...BUILT_IN_VIEWS.map((v) => ({ key: v.key, label: v.label, href: inboxHref(workspace.id, { kind: "built-in", key: v.key }, { status: "open", sort }) })),
            ...teams.map((t) => ({ key: `team:${t.id}`, label: `Team: ${t.name}`, href: inboxHref(workspace.id, { kind: "team", teamId: t.id }, { status: "open", sort }) })),
            ...savedViews.map((v) => ({ key: `view:${v.id}`, label: `View: ${v.name}`, href: inboxHref(workspace.id, { kind: "custom", viewId: v.id }, { status: "open", sort }) })),
          ]}
          view={view}
          urlState={urlState}
          filters={filters}
          savedView={
            savedView
              ? {
                  id: savedView.id,
                  name: savedView.name,
                  shared: savedView.shared,
                  // The actions check this again; hiding the buttons only spares a refusal.
                  editable: savedView.ownerUserId === user.id || (savedView.shared && BUILDER_ROLES.includes(role)),
                }
              : null
          }
          directory={directory}
        />
        <BulkSelectionProvider
          key={`${viewRefKey(view)}:${status}:${q}`}
          ids={page.items.map((item) => item.id)}
          workspaceId={workspace.id}
          view={q ? null : { filters, status, total: viewTotal, totalCapped: viewTotal >= COUNT_CAP }}
          directory={directory}
        >
          <BulkActionBar />
          <ConversationList
            workspaceId={workspace.id}
            view={view}
            urlState={pageState}
            items={page.items}
            nextCursor={page.nextCursor}
            isFirstPage={!cursor || Boolean(q)}
            selectedId={route.conversationId}
            status={status}
            searchQuery={q || undefined}
          />
        </BulkSelectionProvider>
      </section>
      <div className={`${conversation ? "flex" : "hidden md:flex"} min-w-0 flex-1`}>
        {conversation ? (
          <ConversationThread
            key={conversation.id}
            workspaceId={workspace.id}
            conversation={conversation}
            page={threadPage}
            firstUnreadId={firstUnreadId}
            directory={directory}
            backHref={inboxHref(workspace.id, view, pageState)}
            savedReplies={savedReplies.map((reply) => ({ id: reply.id, title: reply.title, text: documentToPlainText(reply.body) }))}
          />
        ) : (
          <div className="flex flex-1 items-center justify-center p-6 text-sm text-muted-foreground">
            <p>
              Select a conversation to read it. Press <kbd className="font-mono">?</kbd> for keyboard shortcuts.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
