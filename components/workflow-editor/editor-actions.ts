import type { ActionResult } from "@/lib/actions/safe-action";
import type { RichTextDocument } from "@/lib/rich-text/document-schema";
import type { AudienceFilter } from "@/lib/workflow/audience/audience-filter";
import type { WorkflowGoal } from "@/lib/workflow/goal/goal";
import type { GraphIssue } from "@/lib/workflow/graph-issue";
import type { WorkflowGraphInput } from "@/lib/workflow/graph-schema";
import type { WorkflowStatus } from "@/lib/workflow/workflow-summaries";

/**
 * The server actions the editor calls (its writes and previews), as the UI needs them. This file
 * is the one seam between the editor and lib/actions: components import from here, and only here
 * knows the actions' names. Reads go through GET routes instead: see editor-reads.ts.
 */

export type AudiencePreviewResult = { count: number; sample: { id: string; name: string; email: string | null }[] };
export type ContactOption = { id: string; name: string; email: string | null };
export type MessagePreviewView = { html: string; missing: string[]; invalid: string[]; contact: ContactOption | null };

export type EditorActions = {
  saveDraft: (input: { workspaceId: string; workflowId: string; graph: WorkflowGraphInput; expectedRevision: number }) => Promise<ActionResult<{ revision: number }>>;
  publish: (input: { workspaceId: string; workflowId: string; expectedRevision: number }) => Promise<ActionResult<{ version: number; status: WorkflowStatus; publishedAt: string }>>;
  setPaused: (input: { workspaceId: string; workflowId: string; paused: boolean }) => Promise<ActionResult<{ status: WorkflowStatus }>>;
  restoreVersion: (input: {
    workspaceId: string;
    workflowId: string;
    versionId: string;
    expectedRevision: number;
  }) => Promise<ActionResult<{ revision: number; graph: WorkflowGraphInput }>>;
  runOnContact: (input: { workspaceId: string; workflowId: string; contactId: string; mode: "draft" | "live" }) => Promise<ActionResult<{ runId: string }>>;
  previewAudience: (input: { workspaceId: string; filter: AudienceFilter }) => Promise<ActionResult<AudiencePreviewResult>>;
  previewMessage: (input: {
    workspaceId: string;
    message: RichTextDocument;
    senderUserId: string | null;
    /** The contact the builder chose; null: the server's best match for the message's variables. */
    contactId: string | null;
  }) => Promise<ActionResult<MessagePreviewView>>;
  searchContacts: (input: { workspaceId: string; query: string }) => Promise<ActionResult<ContactOption[]>>;
  setAllowReentry: (input: { workspaceId: string; workflowId: string; allowReentry: boolean }) => Promise<ActionResult<{ allowReentry: boolean }>>;
  setGoal: (input: { workspaceId: string; workflowId: string; goal: WorkflowGoal | null }) => Promise<ActionResult<{ goal: WorkflowGoal | null }>>;
};

/** Publish refused: the issues the server found, if it sent them. */
export function publishIssuesFrom(result: { ok: false; details?: unknown }): GraphIssue[] | null {
  const details = result.details as { issues?: unknown } | unknown[] | undefined;
  const list = Array.isArray(details) ? details : Array.isArray((details as { issues?: unknown })?.issues) ? (details as { issues: unknown[] }).issues : null;
  if (!list) return null;
  return list.filter(
    (item): item is GraphIssue =>
      typeof item === "object" && item !== null && typeof (item as GraphIssue).message === "string" && "nodeId" in item,
  );
}
