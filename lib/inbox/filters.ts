import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

/**
 * What a conversation list is filtered by. Client-safe: the same schema parses the URL query
 * string, validates saved Conversation Views, and types the SQL predicate builder.
 */
export const INBOX_STATUSES = ["open", "snoozed", "closed"] as const;
export const INBOX_SORTS = ["newest", "oldest", "priority", "waiting"] as const;
export const CONVERSATION_ORIGINS = ["inbound", "workflow", "api"] as const;

export type InboxStatus = (typeof INBOX_STATUSES)[number];
export type InboxSort = (typeof INBOX_SORTS)[number];

const uuid = uuidSchema;

export const inboxFiltersSchema = z
  .object({
    status: z.enum(INBOX_STATUSES).optional(),
    origin: z.enum(CONVERSATION_ORIGINS).optional(),
    workflowId: uuid.optional(),
    // "me" is resolved to the viewer at query time, so a shared "Mine" view works for everyone.
    assignee: z.union([uuid, z.literal("me"), z.literal("unassigned")]).optional(),
    team: z.union([uuid, z.literal("none")]).optional(),
    priority: z.enum(["normal", "high"]).optional(),
    channelId: uuid.optional(),
  })
  .strict();

export type InboxFilters = z.infer<typeof inboxFiltersSchema>;

export const FILTER_KEYS = ["status", "origin", "workflowId", "assignee", "team", "priority", "channelId"] as const satisfies readonly (keyof InboxFilters)[];

export const FILTER_LABELS: Record<(typeof FILTER_KEYS)[number], string> = {
  status: "Status",
  origin: "Origin",
  workflowId: "Workflow",
  assignee: "Assignee",
  team: "Team",
  priority: "Priority",
  channelId: "Channel",
};

export const STATUS_LABELS: Record<InboxStatus, string> = { open: "Open", snoozed: "Snoozed", closed: "Closed" };
export const SORT_LABELS: Record<InboxSort, string> = {
  newest: "Newest",
  oldest: "Oldest",
  priority: "Priority first",
  waiting: "Waiting longest",
};
export const ORIGIN_LABELS: Record<(typeof CONVERSATION_ORIGINS)[number], string> = {
  inbound: "Inbound",
  workflow: "Workflow",
  api: "API",
};

type SearchParamValue = string | string[] | undefined;

function first(value: SearchParamValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads filters from a query string. An invalid value is dropped rather than failing the page,
 * so a hand-edited URL still shows a list (just a wider one) instead of an error.
 */
export function filtersFromSearchParams(params: Record<string, SearchParamValue>): InboxFilters {
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = first(params[key]);
    if (value === undefined || value === "") continue;
    const parsed = inboxFiltersSchema.shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  return filters as InboxFilters;
}

export function sortFromSearchParams(params: Record<string, SearchParamValue>): InboxSort {
  const value = first(params.sort);
  return (INBOX_SORTS as readonly string[]).includes(value ?? "") ? (value as InboxSort) : "newest";
}

export function statusFromSearchParams(params: Record<string, SearchParamValue>): InboxStatus {
  const value = first(params.status);
  return (INBOX_STATUSES as readonly string[]).includes(value ?? "") ? (value as InboxStatus) : "open";
}

export function filtersToSearchParams(filters: InboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined) params.set(key, value);
  }
  return params;
}

export function hasAnyFilter(filters: InboxFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== undefined);
}
