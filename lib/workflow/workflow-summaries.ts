import type { RunStep, Workflow, WorkflowRun, WorkflowVersion } from "@/lib/db/schema/workflows";

/**
 * THE shapes of what the builder reads: the server's queries return them, the routes send them
 * as they are, and the editor and the workflows page use them. Columns are picked from the schema
 * (a renamed column fails to compile here); timestamps are ISO strings, the same value on the
 * server, in JSON and in the browser. Client-safe: type imports only.
 */

export type WorkflowStatus = Workflow["status"];
export type RunStatus = WorkflowRun["status"];

/** The filters the run history offers, most useful first. */
export const RUN_STATUS_FILTERS = ["failed", "waiting", "running", "completed", "cancelled"] as const satisfies readonly RunStatus[];

/** One row of the workflows page: counts leave test runs out. */
export type WorkflowListItem = Pick<Workflow, "id" | "name" | "status"> & {
  /** The live version's trigger type when published, else the draft's. */
  triggerType: string | null;
  lastPublishedAt: string | null;
  updatedAt: string;
  counts: { entered: number; sent: number; started: number };
};

/** The draft as saved, for the editor to reload after a restore. */
export type WorkflowDraft = Pick<Workflow, "draftRevision" | "draftGraph">;

export type VersionSummary = Pick<WorkflowVersion, "id" | "version" | "publishedBy"> & {
  publishedAt: string;
  publishedByName: string | null;
  live: boolean;
};

export type RunSummary = Pick<WorkflowRun, "id" | "contactId" | "status" | "currentNodeId" | "waitFor" | "error" | "isTest"> & {
  /** contactDisplayName: the one name a contact is shown by. */
  contactName: string;
  version: number;
  waitUntil: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** When the run met its workflow's goal (a conversion), or null. */
  goalMetAt: string | null;
  /** The goal's "exit when met" ended the run. */
  endedByGoal: boolean;
};

/** Newest first; nextCursor (a run id) asks for the page after this one, null on the last. */
export type RunPage = { items: RunSummary[]; nextCursor: string | null };

export type RunStepEntry = Pick<RunStep, "nodeId" | "nodeType" | "status" | "outcome" | "error" | "detail"> & { createdAt: string };

/** One run with its step log, oldest step first. */
export type RunLog = { run: RunSummary; steps: RunStepEntry[] };

/**
 * What the canvas shows on each node once live (test runs excluded). entered counts runs that
 * reached the node (finished it, or are waiting there); Start a Conversation adds sent / started /
 * notStarted (sent but not opened yet); Branch adds started / notStarted by the output taken.
 */
export type NodeCounts = {
  entered: number;
  errors: number;
  waiting: number;
  sent?: number;
  started?: number;
  notStarted?: number;
};

export type NodeCountsByNode = Record<string, NodeCounts>;
