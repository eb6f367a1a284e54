import { z } from "zod";
import { audienceFilterSchema, describeAudienceFilter, type AudienceFilter } from "@/lib/workflow/audience/audience-filter";

// A workflow's goal: what counts as a conversion for its runs, and whether a run that converts
// stops there. Client-safe (the builder's settings panel reads it). Kinds are stored in versions:
// never rename one.

export const GOAL_KINDS = ["contact_replied", "contact_matches", "closed_by_agent"] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

export const goalConditionSchema = z.discriminatedUnion("kind", [
  /** The contact sends a message, in any conversation. */
  z.strictObject({ kind: z.literal("contact_replied") }),
  /** The contact's attributes and tags match: the audience filter's one condition model. */
  z.strictObject({ kind: z.literal("contact_matches"), filter: audienceFilterSchema }),
  /** An agent closes the conversation this run started. */
  z.strictObject({ kind: z.literal("closed_by_agent") }),
]);
export type GoalCondition = z.infer<typeof goalConditionSchema>;

export const workflowGoalSchema = z.strictObject({
  condition: goalConditionSchema,
  /** A run that meets the goal ends wherever it is (a waiting one too); otherwise it is only counted. */
  exitWhenMet: z.boolean().default(true),
});
export type WorkflowGoal = z.infer<typeof workflowGoalSchema>;

/** A stored goal (workflows.goal), or null when there is none or it no longer parses. */
export function storedGoal(raw: unknown): WorkflowGoal | null {
  const parsed = workflowGoalSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export const GOAL_KIND_LABELS: Record<GoalKind, string> = {
  contact_replied: "The contact replies",
  contact_matches: "The contact matches a condition",
  closed_by_agent: "An agent closes the conversation",
};

/** The goal's problems a builder must fix before publishing (the condition model's own rules aside). */
export function goalIssues(goal: WorkflowGoal): string[] {
  if (goal.condition.kind !== "contact_matches") return [];
  const filter: AudienceFilter = goal.condition.filter;
  const issues: string[] = [];
  if (filter.lastConversation) issues.push("A goal's condition looks at attributes and tags only: remove the last-conversation condition.");
  if (filter.attributes.length === 0 && !filter.tags.any.length && !filter.tags.all.length && !filter.tags.none.length) {
    issues.push("Add an attribute or tag condition to the goal (every contact matches an empty one).");
  }
  return issues;
}

export function describeGoal(goal: WorkflowGoal): string {
  const what = goal.condition.kind === "contact_matches" ? describeAudienceFilter(goal.condition.filter).replace(/^Contacts: /, "The contact matches: ") : GOAL_KIND_LABELS[goal.condition.kind];
  return goal.exitWhenMet ? `${what} (runs end when it is met)` : what;
}
