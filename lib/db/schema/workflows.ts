import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, pgView, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { runStatusEnum, stepStatusEnum, workflowStatusEnum } from "./enums";
import { users, workspaces } from "./workspaces";

export const workflows = pgTable(
  "workflows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    status: workflowStatusEnum("status").notNull().default("draft"),
    // The editable graph; publishing copies it into an immutable workflow_versions row.
    draftGraph: jsonb("draft_graph").notNull(),
    // Bumped on every save so a stale tab's save is detected instead of overwriting.
    draftRevision: integer("draft_revision").notNull().default(0),
    liveVersionId: uuid("live_version_id"),
    allowReentry: boolean("allow_reentry").notNull().default(false),
    // The goal being built (lib/workflow/goal/goal.ts), saved at once; publishing freezes it into the version.
    goal: jsonb("goal"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    lastPublishedAt: timestamp("last_published_at", { withTimezone: true }),
    // When an Audience Matched trigger last looked for new matches; the scheduler compares it to the interval.
    audienceEvaluatedAt: timestamp("audience_evaluated_at", { withTimezone: true }),
  },
  (t) => [index("workflows_workspace_idx").on(t.workspaceId, t.updatedAt.desc())],
);

// Immutable once published: a trigger refuses any UPDATE (workflow_versions_immutable, migration
// 0001, by hand: drizzle cannot declare triggers).
export const workflowVersions = pgTable(
  "workflow_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    workflowId: uuid("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    graph: jsonb("graph").notNull(),
    // Denormalised from the graph so triggers find their live workflows without reading every graph.
    triggerType: text("trigger_type"),
    // A test run's frozen draft: unlisted, numbered 0, never live. Runs still point at an immutable row.
    isTest: boolean("is_test").notNull().default(false),
    // The workflow's goal as published (lib/workflow/goal/goal.ts), or null: what this version's runs are measured by.
    goal: jsonb("goal"),
    publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("workflow_versions_number_key").on(t.workflowId, t.version).where(sql`NOT ${t.isTest}`),
    // Target of the foreign keys from runs and conversations: the version, its workflow and workspace agree.
    unique("workflow_versions_workspace_workflow_id_key").on(t.workspaceId, t.workflowId, t.id),
    unique("workflow_versions_workflow_id_key").on(t.workflowId, t.id),
    // The few versions with a goal, which a contact's reply, update or closed conversation looks up.
    index("workflow_versions_goal_idx").on(t.workspaceId).where(sql`${t.goal} IS NOT NULL`),
  ],
);

export const workflowRuns = pgTable(
  "workflow_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Checked through the composite foreign keys below (version and contact of this workspace).
    workspaceId: uuid("workspace_id").notNull(),
    workflowId: uuid("workflow_id").notNull(),
    versionId: uuid("version_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    // Distinguishes entries of one contact: 'once' without re-entry, a session id, a manual request id.
    triggerKey: text("trigger_key").notNull(),
    status: runStatusEnum("status").notNull().default("running"),
    currentNodeId: text("current_node_id"),
    waitFor: text("wait_for"),
    waitConversationId: uuid("wait_conversation_id"),
    waitUntil: timestamp("wait_until", { withTimezone: true }),
    // Set when a wait ends (reply or timeout): the output the waiting node leaves by on the next advance.
    resumeOutcome: text("resume_outcome"),
    isTest: boolean("is_test").notNull().default(false),
    context: jsonb("context").$type<Record<string, unknown>>().notNull().default({}),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    // When the run met its workflow's goal (a conversion), once: set only while null.
    goalMetAt: timestamp("goal_met_at", { withTimezone: true }),
  },
  (t) => [
    // One run per (workflow, contact, trigger key): re-fired triggers cannot double-enter a contact.
    uniqueIndex("workflow_runs_entry_key").on(t.workflowId, t.contactId, t.triggerKey),
    // No foreign keys: the version (of this workflow, of this workspace) and the contact (of this
    // workspace) are checked by hand-written triggers (migrations fanout-run-version-triggers and
    // fanout-run-contact-triggers), under the names the keys had (workflow_runs_version_fk,
    // workflow_runs_contact_fk). A fan-out's batch writes a thousand runs in one statement, and a
    // key checks each run apart (a query, a lookup and a lock); the triggers check the statement's
    // distinct parents in one query, with the same lock. Deleting a version or a contact still
    // deletes its runs, as the keys' ON DELETE CASCADE did.
    // A workflow's runs, newest first by a backward scan (the runs list's keyset is (created_at,
    // id)). Ascending so a fan-out's runs, entered in that order, append to their workflow's range.
    index("workflow_runs_workflow_idx").on(t.workflowId, t.createdAt, t.id),
    index("workflow_runs_waiting_conversation_idx").on(t.waitConversationId).where(sql`${t.status} = 'waiting'`),
    // Conversions per workflow (the results page counts them by day or hour); only converted runs are in it.
    index("workflow_runs_goal_met_idx").on(t.workflowId, t.goalMetAt).where(sql`${t.goalMetAt} IS NOT NULL`),
  ],
);

/**
 * What each step of a run did. A run's whole log is the run_step_log view below: these rows plus
 * the conversations the run's Start a Conversation steps started, which are those steps' records
 * and get no row here.
 */
export const runSteps = pgTable(
  "run_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Read only through its run, which carries the workspace.
    runId: uuid("run_id")
      .notNull()
      .references(() => workflowRuns.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    nodeType: text("node_type").notNull(),
    status: stepStatusEnum("status").notNull(),
    // Which output port the run left by (e.g. 'started' / 'not_started').
    outcome: text("outcome"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Graphs are acyclic, so a node runs at most once per run.
    uniqueIndex("run_steps_run_node_key").on(t.runId, t.nodeId),
    // A workflow's results page counts and lists its steps that were skipped or failed by node
    // (node ids are random per graph), newest first; the few such rows, not every step.
    index("run_steps_not_ok_idx").on(t.nodeId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.status} <> 'ok'`),
    // The Results page's funnel per Split path reads each recipient's path (the Split step's
    // outcome) from here by index only: a Split's steps are few, so the rest of run_steps (and a
    // fan-out without a Split) pays nothing for it.
    index("run_steps_split_idx").on(t.nodeId, t.runId, t.outcome).where(sql`${t.nodeType} = 'split'`),
  ],
);

/**
 * A run's whole step log, in the order the steps ran (created_at, id): its run_steps rows, plus
 * one row per conversation the run started, the record of that Start a Conversation step, which
 * writes no run_steps row of its own (a fan-out writes one row less per contact). Created by
 * migration 0006; read it with drizzle like a table.
 */
export const runStepLog = pgView("run_step_log", {
  id: uuid("id").notNull(),
  runId: uuid("run_id").notNull(),
  // A workflow's conversation always carries the node that started it (conversations_run_node_key).
  nodeId: text("node_id").notNull(),
  nodeType: text("node_type").notNull(),
  status: stepStatusEnum("status").notNull(),
  outcome: text("outcome"),
  detail: jsonb("detail").$type<Record<string, unknown>>().notNull(),
  error: text("error"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
}).as(sql`
  SELECT s.id, s.run_id, s.node_id, s.node_type, s.status, s.outcome, s.detail, s.error, s.created_at
  FROM "run_steps" s
  UNION ALL
  SELECT c.id, c.run_id, c.node_id, 'start_conversation', 'ok'::step_status, 'out', jsonb_build_object('conversationId', c.id), NULL, c.created_at
  FROM "conversations" c
  WHERE c.run_id IS NOT NULL`);

export type Workflow = typeof workflows.$inferSelect;
export type WorkflowVersion = typeof workflowVersions.$inferSelect;
export type WorkflowRun = typeof workflowRuns.$inferSelect;
export type RunStep = typeof runSteps.$inferSelect;
export type RunStepLogEntry = typeof runStepLog.$inferSelect;
