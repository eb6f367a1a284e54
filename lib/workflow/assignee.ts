import { z } from "zod";
import type { SummaryNames } from "./node-definition";

export const assigneeSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("unassigned") }),
  z.strictObject({ type: z.literal("user"), userId: z.uuid() }),
  z.strictObject({ type: z.literal("team"), teamId: z.uuid() }),
  z.strictObject({ type: z.literal("high_priority") }),
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
  }
}
