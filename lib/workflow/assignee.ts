import { z } from "zod";
import type { NodeIssue, SummaryNames } from "./node-definition";
import type { ValidationContext } from "./validation-context";
import { uuidSchema } from "@/lib/validation/uuid";

export const assigneeSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("unassigned") }),
  z.strictObject({ type: z.literal("user"), userId: uuidSchema }),
  z.strictObject({ type: z.literal("team"), teamId: uuidSchema }),
  z.strictObject({ type: z.literal("high_priority") }),
  // The team's round robin picks the agent (lib/round-robin); with nobody available it waits in the team's queue.
  z.strictObject({ type: z.literal("round_robin"), teamId: uuidSchema }),
]);
export type Assignee = z.infer<typeof assigneeSchema>;

export function describeAssignee(assignee: Assignee, names?: SummaryNames): string {
  switch (assignee.type) {
    case "unassigned":
      return "Unassigned";
    case "high_priority":
      return "High Priority queue";
    case "user":
      return names?.user?.(assignee.userId) ?? "an agent";
    case "team":
      return names?.team?.(assignee.teamId) ?? "a team";
    case "round_robin":
      return `${names?.team?.(assignee.teamId) ?? "a team"} (round robin)`;
  }
}

/** An assignee naming an agent or team this workspace does not have, or "Team (round robin)" for a team with it off (Start a Conversation, Assign). */
export function assigneeInWorkspaceIssues(assignee: Assignee, context: Pick<ValidationContext, "memberUserIds" | "teamIds" | "roundRobinTeamIds">): NodeIssue[] {
  if (assignee.type === "user" && !context.memberUserIds.has(assignee.userId)) {
    return [{ field: "assignee", message: "The assignee is not a member of this workspace. Choose another agent." }];
  }
  if ((assignee.type === "team" || assignee.type === "round_robin") && !context.teamIds.has(assignee.teamId)) {
    return [{ field: "assignee", message: "That team doesn't exist in this workspace any more. Choose another assignee." }];
  }
  if (assignee.type === "round_robin" && !context.roundRobinTeamIds.has(assignee.teamId)) {
    return [{ field: "assignee", message: "That team does not assign automatically. Turn on automatic assignment in its settings, or choose the team itself." }];
  }
  return [];
}
