import type { Role } from "@/lib/db/schema/workspaces";
import { ROLE_LABELS } from "@/lib/members/role-labels";
import { PLAN_LABELS, PLANS, type Plan } from "@/lib/plans/plan";


const planLabel = (value: unknown): string => (PLANS.includes(value as Plan) ? PLAN_LABELS[value as Plan] : String(value));
const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const role = (value: unknown): string | null => (typeof value === "string" && value in ROLE_LABELS ? ROLE_LABELS[value as Role] : null);
const count = (value: unknown, one: string, many: string): string | null =>
  typeof value === "number" && value > 0 ? `${value} ${value === 1 ? one : many}` : null;
const list = (value: unknown): string | null => (Array.isArray(value) && value.length > 0 ? value.filter((item) => typeof item === "string").join(", ") : null);

/**
 * The one line of detail Settings › Audit log shows under an entry ("Agent → Admin", "“Support”
 * → “Help desk”"), from what the entry recorded; empty when there is nothing more to say (the
 * entry's target, an invitation's address or a team's name, is shown apart).
 */
export function describeAuditDetails(action: string, data: Record<string, unknown>): string {
  const parts: (string | null)[] = [];
  switch (action) {
    case "member.role_changed":
      parts.push(role(data.from) && role(data.to) ? `${role(data.from)} → ${role(data.to)}` : null);
      break;
    case "member.invited":
      parts.push(role(data.role) ? `as ${role(data.role)}` : null, list(data.teams) ? `teams: ${list(data.teams)}` : null);
      break;
    case "member.joined":
      parts.push(role(data.role) ? `as ${role(data.role)}` : null, list(data.teams) ? `teams: ${list(data.teams)}` : null, data.newAccount === true ? "new account" : null);
      break;
    case "member.removed":
      parts.push(role(data.role), count(data.unassignedConversations, "conversation unassigned", "conversations unassigned"));
      break;
    case "team.member_added":
    case "team.member_removed":
      parts.push(text(data.name));
      break;
    case "team.deleted":
      parts.push(count(data.movedConversations, "conversation moved to Unassigned", "conversations moved to Unassigned"));
      break;
    case "team.renamed":
    case "workspace.renamed":
      parts.push(text(data.from) && text(data.to) ? `“${text(data.from)}” → “${text(data.to)}”` : null);
      break;
    case "workspace.plan_changed":
      parts.push(text(data.from) && text(data.to) ? `${planLabel(data.from)} → ${planLabel(data.to)}` : null);
      break;
    case "workflow.published":
    case "workflow.version_restored":
      parts.push(typeof data.version === "number" ? `version ${data.version}` : null);
      break;
    case "workflow.manual_run":
    case "workflow.test_run":
      parts.push(count(data.contacts, "contact", "contacts"));
      break;
  }
  if (typeof data.apiKeyId === "string") parts.push("with an API key");
  return parts.filter(Boolean).join(" · ");
}
