import type { ActionResult } from "@/lib/actions/safe-action";
import { ERROR_CODES, GENERIC_ERROR_MESSAGE, type ErrorCode } from "@/lib/errors";
import type { NodeCountsByNode, RunLog, RunPage, RunStatus, VersionSummary, WorkflowDraft } from "@/lib/workflow/workflow-summaries";

/**
 * What the editor reads, fetched from GET routes under /api/workspaces/{id}. Not server actions:
 * Next runs a client's server actions one at a time, so a slow read (node counts on a large
 * workflow) would hold back the autosave queued behind it; fetches run side by side.
 */

export type ReadResult<T> = ActionResult<T>;

export type RunFilters = { status?: RunStatus; nodeId?: string };

const OFFLINE = "Couldn't reach Parley. Check your connection and try again.";

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && value in ERROR_CODES;
}

async function read<T>(path: string, query: Record<string, string | undefined> = {}, signal?: AbortSignal): Promise<ReadResult<T>> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") search.set(key, value);
  const url = search.size > 0 ? `${path}?${search}` : path;
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store", signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, code: "internal_error", error: OFFLINE };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, data: body as T };
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  return {
    ok: false,
    code: isErrorCode(error?.code) ? error.code : "internal_error",
    error: typeof error?.message === "string" ? error.message : GENERIC_ERROR_MESSAGE,
    details: error?.details,
  };
}

const workflowPath = (workspaceId: string, workflowId: string) =>
  `/api/workspaces/${encodeURIComponent(workspaceId)}/workflows/${encodeURIComponent(workflowId)}`;

export const editorReads = {
  draft: (ref: { workspaceId: string; workflowId: string }) => read<WorkflowDraft>(workflowPath(ref.workspaceId, ref.workflowId)),
  versions: (ref: { workspaceId: string; workflowId: string }) => read<VersionSummary[]>(`${workflowPath(ref.workspaceId, ref.workflowId)}/versions`),
  nodeCounts: (ref: { workspaceId: string; workflowId: string }, signal?: AbortSignal) =>
    read<NodeCountsByNode>(`${workflowPath(ref.workspaceId, ref.workflowId)}/node-counts`, {}, signal),
  runs: (ref: { workspaceId: string; workflowId: string }, filters: RunFilters & { cursor?: string }, signal?: AbortSignal) =>
    read<RunPage>(`${workflowPath(ref.workspaceId, ref.workflowId)}/runs`, { status: filters.status, nodeId: filters.nodeId, cursor: filters.cursor }, signal),
  runLog: (ref: { workspaceId: string; runId: string }) =>
    read<RunLog>(`/api/workspaces/${encodeURIComponent(ref.workspaceId)}/runs/${encodeURIComponent(ref.runId)}`),
};
