import { uuidSchema } from "@/lib/validation/uuid";
import type { InboxFilters } from "./filters";

/** The built-in views, each nothing more than a preset of filters (so each is one SQL predicate). */
export const BUILT_IN_VIEWS = [
  { key: "you", label: "Your inbox", filters: { assignee: "me" } },
  { key: "unassigned", label: "Unassigned", filters: { assignee: "unassigned", team: "none" } },
  { key: "all", label: "All", filters: {} },
  { key: "high-priority", label: "High Priority", filters: { priority: "high" } },
  { key: "workflows", label: "Started by workflows", filters: { origin: "workflow" } },
  { key: "inbound", label: "Inbound", filters: { origin: "inbound" } },
] as const satisfies readonly { key: string; label: string; filters: InboxFilters }[];

export type BuiltInViewKey = (typeof BUILT_IN_VIEWS)[number]["key"];

/** Which list the URL asks for. `filter` is an unsaved set of filters from the query string. */
export type ViewRef =
  | { kind: "built-in"; key: BuiltInViewKey }
  | { kind: "team"; teamId: string }
  | { kind: "custom"; viewId: string }
  | { kind: "filter" };

export type InboxRoute = { view: ViewRef; conversationId: string | null };

export function isUuid(value: string | undefined): value is string {
  return uuidSchema.safeParse(value).success;
}

function builtInKey(segment: string | undefined): BuiltInViewKey | null {
  return BUILT_IN_VIEWS.find((v) => v.key === segment)?.key ?? null;
}

/**
 * Parses /inbox/[[...view]] segments: `[]`, `[builtIn]`, `["team", id]`, `["view", id]`, each
 * optionally followed by `["c", conversationId]`. Returns null for anything else (a 404).
 */
export function parseInboxSegments(segments: string[], hasFilters: boolean): InboxRoute | null {
  const rest = [...segments];
  let conversationId: string | null = null;
  if (rest.length >= 2 && rest.at(-2) === "c") {
    const id = rest.at(-1);
    if (!isUuid(id)) return null;
    conversationId = id.toLowerCase();
    rest.splice(-2, 2);
  }
  if (rest.length === 0) {
    return { view: hasFilters ? { kind: "filter" } : { kind: "built-in", key: "you" }, conversationId };
  }
  if (rest.length === 1) {
    const key = builtInKey(rest[0]);
    return key ? { view: { kind: "built-in", key }, conversationId } : null;
  }
  if (rest.length === 2 && isUuid(rest[1])) {
    if (rest[0] === "team") return { view: { kind: "team", teamId: rest[1].toLowerCase() }, conversationId };
    if (rest[0] === "view") return { view: { kind: "custom", viewId: rest[1].toLowerCase() }, conversationId };
  }
  return null;
}

/** The path of a view (without the query string), optionally with a conversation open. */
export function inboxPath(workspaceId: string, view: ViewRef, conversationId?: string | null): string {
  const base = `/${workspaceId}/inbox`;
  const viewPath =
    view.kind === "built-in"
      ? `${base}/${view.key}`
      : view.kind === "team"
        ? `${base}/team/${view.teamId}`
        : view.kind === "custom"
          ? `${base}/view/${view.viewId}`
          : base;
  return conversationId ? `${viewPath}/c/${conversationId}` : viewPath;
}

export function viewRefKey(view: ViewRef): string {
  switch (view.kind) {
    case "built-in":
      return view.key;
    case "team":
      return `team:${view.teamId}`;
    case "custom":
      return `view:${view.viewId}`;
    case "filter":
      return "filter";
  }
}
